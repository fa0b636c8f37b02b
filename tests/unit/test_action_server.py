"""The action server builds the knowledge base before it listens (kbs/ops/action_server)."""

import sys

from kbs.ops import action_server, rasa_project


def test_the_action_server_runs_through_the_warm_up():
    argv = rasa_project.action_server_command(5055)
    assert argv[1:3] == ["-m", "kbs.ops.action_server"]
    assert argv[3:] == ["--actions", "actions", "--port", "5055"]


def test_the_knowledge_base_is_built_before_rasa_sdk_starts(monkeypatch):
    import rasa_sdk.__main__

    calls = []
    monkeypatch.setattr(action_server, "warm_up", lambda: calls.append("knowledge base"))
    monkeypatch.setattr(rasa_sdk.__main__, "main", lambda: calls.append("rasa_sdk"))
    monkeypatch.setattr(sys, "argv", ["action_server.py", "--port", "5055"])
    action_server.main()
    assert calls == ["knowledge base", "rasa_sdk"]


def test_warm_up_builds_the_cached_knowledge_base():
    from kbs.knowledge.answer import default_knowledge_base

    action_server.warm_up()
    assert default_knowledge_base.cache_info().currsize == 1
