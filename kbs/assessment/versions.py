"""Versions of a case's assessment: a new one only when the practitioner confirms it, and
one started by mistake discarded.

Giving the reference of a case whose last version is finished asks "KBS-2207 has a finished
assessment (version 1, level 4, 3 March 2025). Start version 2?"; only yes starts it.
"Discard this version" (cases.yml's ``discard``) deletes the version in progress at once
while nothing beyond the opening question is answered, and after that only once confirmed;
the deletion is written to the audit log, and the case's last finished version is its
level again. The wording is assessment.yml's.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection, Row

from kbs.assessment import steps
from kbs.assessment.interpret import Said, yes_no
from kbs.assessment.vocabulary import button, load_vocabulary, say
from kbs.case_reference import declines
from kbs.chat import Message
from kbs.store.audit import chat_access
from kbs.store.profiles import discard_profile, latest_complete

NEW_VERSION, DISCARD = "new_version", "discard"  # what State.confirm waits for
OPENING_ANSWERS = 1  # "is the baby in danger now?": discarded without asking


def answered(doc: dict) -> int:
    return sum(s.answered for s in steps.plan(doc))


def confirmed(text: str, said: Said) -> bool | None:
    """Yes (True), no (False), or None when the answer is neither."""
    if declines(text):
        return False
    found = yes_no(said.reading, None, load_vocabulary())
    return found if isinstance(found, bool) else None


def ask_new_version(connection: Connection, case_id: int, reference: str) -> Message:
    last = latest_complete(connection, case_id)
    return Message(say("new_version_ask", reference=reference, version=last.version,
                       level=(last.result or {}).get("level", "?"),
                       completed=f"{last.completed_at:%d %B %Y}", next=last.version + 1),
                   (button("start_version", next=last.version + 1),
                    button("not_start_version")))


def declined_new_version(connection: Connection, case_id: int, reference: str) -> Message:
    last = latest_complete(connection, case_id)
    return Message(say("new_version_declined", reference=reference, next=last.version + 1))


def ask_discard(row: Row) -> Message:
    return Message(say("discard_ask", version=row.version, reference=row.reference,
                       answered=answered(row.answers)),
                   (button("discard", version=row.version), button("keep")))


def needs_confirming(row: Row) -> bool:
    return answered(row.answers) > OPENING_ANSWERS


def discard(connection: Connection, owner: str, row: Row) -> Message:
    """Delete the version in progress (audited); what the case's last assessment now is."""
    if not discard_profile(connection, row.id):
        return Message(say("discard_nothing"))
    chat_access(connection, owner, "discarded", "profile", row.id,
                f"{row.reference} version {row.version}")
    last = latest_complete(connection, row.case_id)
    if last is None:
        return Message(say("discarded_only", version=row.version, reference=row.reference))
    return Message(say("discarded", version=row.version, reference=row.reference,
                       previous=last.version, level=(last.result or {}).get("level", "?")))


def kept(row: Row) -> Message:
    return Message(say("discard_kept", version=row.version, reference=row.reference))


def ask_yes_or_no() -> Message:
    return Message(say("yes_or_no"))
