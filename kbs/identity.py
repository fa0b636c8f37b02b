"""Who a conversation belongs to, and who runs a command.

The web app sends each message to Rasa with a sender id of the form
``<practitioner>`` or ``<practitioner>~<conversation>`` (a practitioner may start a
conversation again); records are owned by the practitioner part, which is the account id
of the signed-in account (kbs.store.users: never reused, unlike a username).
"""

import getpass
import os

SEPARATOR = "~"


def practitioner_of(sender_id: str) -> str:
    return sender_id.split(SEPARATOR, 1)[0]


def sender_id_for(practitioner: str, conversation: str) -> str:
    return f"{practitioner}{SEPARATOR}{conversation}"


def os_user() -> str:
    """Who runs this process, as the operating system knows them (the actor of a command
    line's or of `kbs run`'s audit rows)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid {os.getuid()}"
