"""A finished plan and a case: saving it with the case at the end of the discussion or
afterwards ("save this plan to KBS-2207"), and asking whether it is the same baby before
anything of it goes into the case's assessment in progress.

This conversation's last plan is kept in the slot ``plan_last`` (its kind, its content,
the plan's id and case once saved, and the assessment version a same-baby question waits
on), so that a plan written without a case can be saved with one later. Saving later never
opens or starts an assessment: it only saves the plan, and asks the same question when the
case has an assessment in progress.

The question ("KBS-2207's assessment in progress is of a baby of about 12 weeks, born at
39 weeks. Is this the same baby?") is asked by the turn that saves the plan, which then
opens the form ``same_baby_form`` (its one slot, ``plan_same_baby``, is never filled: the
form ends when the question is answered). Only a clear yes adds the discussion's findings
(kbs/assessment/discussions.py); a no, or leaving the question, adds nothing and says so;
anything else asks again. A discussion whose facts contradict the assessment's baby is not
added, without asking.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from kbs import chat, faults
from kbs.assessment.discussions import (
    Merge,
    add_confirmed,
    check_open_assessment,
    same_baby_answer,
)
from kbs.case_reference import check_reference, reference_in
from kbs.safer_practice.catalogue import say
from kbs.store.audit import chat_access
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.plans import save_plan

log = logging.getLogger(__name__)

LAST_PLAN_SLOT = "plan_last"
SAME_BABY_SLOT = "plan_same_baby"
SAME_BABY_FORM = "same_baby_form"
# Choosing another mode (a menu button) or saying goodbye while the question waits leaves
# it: nothing is added, and the practitioner is told so.
LEAVING_INTENTS = frozenset({"show_menu", "goodbye", "start_assess", "start_discuss",
                             "start_rehearse", "start_lookup", "discuss_sleep",
                             "discuss_handling"})

LastPlan = dict[str, Any]  # kind, content, plan_id, reference, asking (a version or None)


def unsaved(kind: str, content: Mapping[str, Any]) -> LastPlan:
    """A plan shown but not saved (no case, or the database failed): it can be saved later."""
    return {"kind": kind, "content": dict(content), "plan_id": None, "reference": None,
            "asking": None}


def save_with_case(owner: str, reference: str, kind: str,
                   content: Mapping[str, Any]) -> chat.Turn:
    """A plan already shown, saved with the case. When the database fails the practitioner
    is asked to copy it (it is on the screen), and it is kept to be saved later."""
    try:
        with get_engine().begin() as connection:
            return _save(connection, owner, reference, unsaved(kind, content))
    except SQLAlchemyError as fault:
        log.error("saving a %s plan failed: %s", kind, faults.description(fault))
        return chat.Turn((say("save_failed"),), {LAST_PLAN_SLOT: unsaved(kind, content)})


def save_later(owner: str, last: LastPlan | None, text: str) -> chat.Turn:
    """"Save this plan to KBS-2207": this conversation's last plan saved with that case,
    if it was not saved with one already. No assessment is opened or started."""
    if not last:
        return chat.Turn((say("save_later_no_plan"),))
    if last.get("reference"):
        return chat.Turn((say("save_later_already", saved_reference=last["reference"],
                              plan_id=last["plan_id"]),))
    reference = reference_in(text)
    if reference is None:
        return chat.Turn((say("save_later_no_reference"),))
    reason = check_reference(reference)
    if reason:
        # a refused reference may hold a name or a date of birth: not kept in the chat
        return chat.Turn((replace(say("save_later_refused", reason=reason),
                                  screened=(reference,)),))
    with get_engine().begin() as connection:
        return _save(connection, owner, reference, last)


def same_baby(owner: str, last: LastPlan | None, text: str, intent: str | None, *,
              returning: bool = False) -> chat.FormTurn:
    """The answer to "Is this the same baby?" (the form ``same_baby_form``): only a clear
    yes adds the discussion to the assessment; a no, or leaving, adds nothing; anything
    else asks again. ``returning``: the form has just been opened by the turn that asked."""
    if not last or last.get("asking") is None:  # nothing waits on an answer
        return chat.FormTurn(slots={SAME_BABY_SLOT: None}, ends=True)
    if returning:
        return chat.FormTurn(asking=SAME_BABY_SLOT)
    answer = same_baby_answer(text)
    if answer is None and intent in LEAVING_INTENTS:
        answer = False
    reference, done = last["reference"], {**last, "asking": None}
    if answer is None:
        with get_engine().begin() as connection:
            merge = _check(connection, owner, reference, last["content"])
        if not merge.asking:  # the assessment has changed since: what became of it
            return chat.FormTurn(_merged(merge, last), {LAST_PLAN_SLOT: done}, ends=True)
        return chat.FormTurn((say("same_baby_again"), ask(reference, merge)),
                             {SAME_BABY_SLOT: None, LAST_PLAN_SLOT: {
                                 **last, "asking": merge.version}}, asking=SAME_BABY_SLOT)
    if answer is False:
        return chat.FormTurn((say("not_the_same_baby", reference=reference,
                                  plan_id=last["plan_id"]),), {LAST_PLAN_SLOT: done},
                             ends=True)
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, owner, reference)
        merge = add_confirmed(connection, case_id, last["content"], last["asking"], owner)
    if merge.asking:  # another version is in progress by now: asked about again
        return chat.FormTurn((ask(reference, merge),), {
            SAME_BABY_SLOT: None, LAST_PLAN_SLOT: {**last, "asking": merge.version}},
            asking=SAME_BABY_SLOT)
    return chat.FormTurn(_merged(merge, last), {LAST_PLAN_SLOT: done}, ends=True)


def ask(reference: str, merge: Merge) -> chat.Message:
    """"KBS-2207's assessment in progress is of a baby of about 12 weeks, born at 39 weeks.
    Is this the same baby?", with what the assessment knows."""
    baby = merge.baby
    born = say("baby_born_at", gestation=_gestation(baby["gestation_weeks"])).text \
        if "gestation_weeks" in baby else say(
            {True: "baby_preterm", False: "baby_not_preterm"}[baby["preterm"]]).text \
        if "preterm" in baby else None
    if "age_weeks" not in baby and born is None:
        return say("same_baby_ask_unknown", reference=reference)
    age = say("baby_age", weeks=f"{baby['age_weeks']:.0f}").text if "age_weeks" in baby \
        else say("baby_age_unknown").text
    return say("same_baby_ask", reference=reference,
               baby=", ".join(part for part in (age, born) if part))


def _save(connection: Connection, owner: str, reference: str, last: LastPlan) -> chat.Turn:
    content = {**last["content"], "case_reference": reference}
    case_id = get_or_create_case(connection, owner, reference)
    plan_id = save_plan(connection, owner=owner, kind=last["kind"], content=content,
                        case_id=case_id)
    chat_access(connection, owner, "created", "plan", plan_id, reference)
    saved = {**last, "content": content, "plan_id": plan_id, "reference": reference,
             "asking": None}
    said = [say("saved", plan_id=plan_id, reference=reference)]
    merge = check_open_assessment(connection, case_id, content, owner)
    if merge.asking:
        return chat.Turn((*said, ask(reference, merge)), {
            LAST_PLAN_SLOT: {**saved, "asking": merge.version}, SAME_BABY_SLOT: None},
            opens=SAME_BABY_FORM)
    return chat.Turn((*said, *_merged(merge, saved)), {LAST_PLAN_SLOT: saved})


def _check(connection: Connection, owner: str, reference: str,
           content: Mapping[str, Any]) -> Merge:
    case_id = get_or_create_case(connection, owner, reference)
    return check_open_assessment(connection, case_id, content, owner)


def _merged(merge: Merge, last: LastPlan) -> tuple[chat.Message, ...]:
    """What became of the discussion for the assessment, once there is nothing to ask
    (``last`` as it was when the question was asked, if one was)."""
    reference = last["reference"]
    if merge.added:
        return (say("added_to_assessment", reference=reference, version=merge.version),)
    if merge.different:
        reasons = "; ".join(say(reason, **values).text for reason, values in merge.different)
        return (say("not_added_to_assessment", reference=reference, version=merge.version,
                    reasons=reasons),)
    if merge.version is None and last.get("asking") is not None:
        return (say("same_baby_gone", reference=reference, plan_id=last["plan_id"]),)
    return ()


def _gestation(weeks: float) -> str:
    """39 -> "39"; 34 weeks and 2 days -> "34+2"."""
    whole = int(weeks)
    days = round((weeks - whole) * 7)
    return f"{whole}+{days}" if 0 < days < 7 else f"{round(weeks)}"
