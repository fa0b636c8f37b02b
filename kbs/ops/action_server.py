"""The action server (rasa_sdk) with the knowledge base built before it listens.

The knowledge base (the project's spaCy pipeline, the cards and their search index) used to
be built on the first Look up question: about 4 s on this machine, in the action server's
one event loop, so every conversation's actions waited behind it (`kbs bench`, py-spy).
Built here at start-up instead, it is ready (and counted in the start-up time) before the
health check answers. The Assess answers' spaCy pipeline is the same cached one.
"""

from __future__ import annotations

import sys


def warm_up() -> None:
    from kbs.knowledge.answer import default_knowledge_base

    default_knowledge_base()


def main() -> None:
    """`python -m kbs.ops.action_server --actions ... --port ...`: rasa_sdk's command."""
    warm_up()
    from rasa_sdk.__main__ import main as sdk_main

    sys.argv[0] = "rasa_sdk"
    sdk_main()


if __name__ == "__main__":
    main()
