"""Who a conversation belongs to.

The web app sends each message to Rasa with a sender id of the form
``<practitioner>`` or ``<practitioner>~<conversation>`` (a practitioner may start a
conversation again); records are owned by the practitioner part, which is the account id
of the signed-in account (kbs.store.users: never reused, unlike a username).
"""

SEPARATOR = "~"


def practitioner_of(sender_id: str) -> str:
    return sender_id.split(SEPARATOR, 1)[0]


def sender_id_for(practitioner: str, conversation: str) -> str:
    return f"{practitioner}{SEPARATOR}{conversation}"
