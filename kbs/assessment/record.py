"""Answers into the answers document (docs/PROFILE-FORMAT.md), saved after every answer.

Every function returns a new document that ``kbs.engine.parse_answers`` accepts, so the
profile can be scored (and red flags raised) at any point. No free text is kept: only
statuses, sources, numbers, choices, relations and recognised terms, so no name of a child
or carer can be stored by accident. The one exception is the note a practitioner gives for a
professional judgement, which is screened (kbs.identifying.screen) before it is kept.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from kbs.assessment.interpret import SOURCE_ORDER
from kbs.assessment.vocabulary import NOTES, load_vocabulary
from kbs.engine import load_catalogue
from kbs.engine.catalogue import Factor

# The notes that say where an answer stands (assessment.yml, notes): an exclusion needs
# evidence, so until the practitioner says how they know it is not one (PENDING_SOURCE, and
# NO_EVIDENCE when they cannot say); an injury mentioned in another answer is present until
# it is confirmed (NOTICED), and stays so when met with "don't know" (NOTICED_KEPT).
PENDING_SOURCE, NO_EVIDENCE, NOTICED, NOTICED_KEPT = NOTES
# A "no" to a factor that does not need corroborating rests on the practitioner's own
# assessment unless the answer names another source.
OWN_ASSESSMENT = "observed"
ROLE_KINDS = ("mother", "father", "partner")
OUTSIDE_THE_HOUSEHOLD = ("visits", "no_contact")  # carers.<role>.contact
ACCOUNT_STATUSES = ("present", "absent")


def note(name: str) -> str:
    """The wording of a note (PENDING_SOURCE, ...), as it is saved with an answer."""
    return load_vocabulary().notes[name]


def has_note(answer: dict[str, Any] | None, *names: str) -> bool:
    return bool(answer) and answer.get("note") in {note(name) for name in names}


def new_answers(today: date) -> dict[str, Any]:
    return {"assessed_on": today.isoformat(), "infant": {}, "factors": {}, "carers": {},
            "judgement": {}}


def entry(doc: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The answer at a factor path (infant.preterm, carers.mother.substance_use)."""
    domain, *rest = path.split(".")
    if domain == "carers":
        role, factor_id = rest
        return doc["carers"].get(role, {}).get(factor_id)
    return doc["factors"].get(path)


def roles(doc: dict[str, Any]) -> list[str]:
    return list(doc["carers"])


def household(doc: dict[str, Any], about: str | None = None) -> set[str]:
    """The relations whose word is a carer's account (for telling it apart from the wider
    family's): the adults recorded as carers who live with the baby (or whose contact is not
    known), and the carer the question is about (``about``), whose word about themselves is
    always their own account. A grandmother who visits is family outside the household:
    "nan says mum drinks most days" is the wider family's account."""
    return {(carer.get("relation") or role.rstrip("_0123456789")).split()[-1]
            for role, carer in doc["carers"].items()
            if role == about or carer.get("contact") not in OUTSIDE_THE_HOUSEHOLD}


def needs_source(factor: Factor) -> bool:
    """Whether an answer to this factor is followed by "how do you know?" when it does not say
    (as after a button): the factors tagged needs_corroboration and the key carer factors
    (assessment.yml, source_asked). An exclusion of one is not recorded until it is said."""
    return factor.has("needs_corroboration") or (
        f"{factor.domain}.{factor.id}" in load_vocabulary().source_asked)


def set_status(doc: dict[str, Any], path: str, factor: Factor, status: str,
               source: str | None = None, terms: str = "",
               accounts: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A factor's answer, with the recognised terms behind it (or the practitioner's own
    words, screened) as its note, and the accounts that differ, each with its
    source. Details already given stay while the factor stays present."""
    if status == "absent" and source is None:
        if needs_source(factor):
            status, terms = "unknown", note(PENDING_SOURCE)
        else:
            source = OWN_ASSESSMENT
    old = entry(doc, path) or {}
    answer: dict[str, Any] = {"status": status}
    if source:
        answer["source"] = source
    if terms:
        answer["note"] = terms
    if accounts:
        answer["accounts"] = accounts
    if status == "present" and old.get("status") == "present":
        answer |= {k: v for k, v in old.items() if k in (factor.fields or {})}
    return _put(doc, path, answer)


def is_another_account(doc: dict[str, Any], path: str, status: str | None,
                       source: str | None) -> bool:
    """Whether an answer is another account of a factor already answered from another
    source ("mum says only at weekends", then, in a later turn, "nan says most days"): an
    exclusion or a risk said by someone else than the answer (or the accounts) kept."""
    old = entry(doc, path) or {}
    if has_note(old, NOTICED, NOTICED_KEPT):  # to be confirmed: the answer replaces it
        return False
    if (status not in ACCOUNT_STATUSES or source is None
            or old.get("status") not in ACCOUNT_STATUSES or not old.get("source")):
        return False
    return source not in {a["source"] for a in _accounts_of(old)} or len(
        old.get("accounts") or ()) > 1


def add_account(doc: dict[str, Any], path: str, factor: Factor, status: str, source: str,
                said: str = "", contrasted: bool = False) -> dict[str, Any]:
    """Another account of a factor (``is_another_account``), kept beside those already
    given, each with its source (and its words, screened by the caller with
    kbs.identifying.screen). When they differ the factor is contradicted: present, with
    every account kept (review 5.8, 5.14). They differ when one says the risk is there and
    another that it is not; or, when all say it is there, when one is the carer's own
    account and another is not and either the later one is set against it ("but nan says
    ...") or the factor is one whose extent a carer's account plays down (assessment.yml,
    differ_in_degree: "only at weekends" against "most days"). Accounts that agree leave
    the strongest source."""
    old = entry(doc, path) or {}
    new = {"status": status, "source": source} | ({"note": said} if said else {})
    given = _accounts_of(old)
    accounts = [a for a in given if a["source"] != source] + [new]
    key = f"{factor.domain}.{factor.id}"
    statuses = {a["status"] for a in accounts}
    sources = {a["source"] for a in accounts}
    differ = len(given) > 1 or len(statuses) > 1 or (
        statuses == {"present"} and "carer_account" in sources and len(sources) > 1
        and (contrasted or key in load_vocabulary().differ_in_degree))
    if differ:
        present = {a["source"] for a in accounts if a["status"] == "present"}
        answer = {"status": "present",
                  "source": next(name for name in SOURCE_ORDER if name in present),
                  "accounts": accounts} | ({"note": old["note"]} if old.get("note") else {})
    else:
        best = min(accounts, key=lambda a: SOURCE_ORDER.index(a["source"]))
        answer = {"status": best["status"], "source": best["source"]} | (
            {"note": old["note"]} if old.get("note") else {})
    if answer["status"] == "present" and old.get("status") == "present":
        answer |= {k: v for k, v in old.items() if k in (factor.fields or {})}
    return _put(doc, path, answer)


def _accounts_of(answer: dict[str, Any]) -> list[dict[str, str]]:
    """The accounts an answer holds: its own accounts, or the answer itself as one (its
    note, the terms or observation recorded with it, stays the answer's note)."""
    if answer.get("accounts"):
        return [dict(a) for a in answer["accounts"]]
    return [{"status": answer["status"], "source": answer["source"]}]


def set_source(doc: dict[str, Any], path: str, source: str | None) -> dict[str, Any]:
    """The answer to "how do you know?"; without one, a pending exclusion is not known."""
    answer = dict(entry(doc, path) or {})
    if has_note(answer, PENDING_SOURCE):
        answer = ({"status": "absent", "source": source} if source
                  else {"status": "unknown", "note": note(NO_EVIDENCE)})
    elif source:
        answer["source"] = source
    return _put(doc, path, answer)


def set_field(doc: dict[str, Any], path: str, name: str, value: Any) -> dict[str, Any]:
    answer = dict(entry(doc, path) or {})
    answer[name] = list(value) if isinstance(value, tuple) else value
    return _put(doc, path, answer)


def set_infant(doc: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """An infant-block answer (None: asked, not known); it replaces factors derived from it."""
    doc = copy.deepcopy(doc)
    doc["infant"][name] = value
    for factor in load_catalogue().household_factors():
        if factor.derived and factor.derived.source == name and value is not None:
            doc["factors"].pop(factor.path(), None)
    return doc


def set_mobility_source(doc: dict[str, Any], mobile: bool, source: str) -> dict[str, Any]:
    """Who said whether the baby is independently mobile: kept on the factor that follows
    from it (infant.not_mobile), as the infant block has no source."""
    return _put(doc, "infant.not_mobile", {"status": "absent" if mobile else "present",
                                           "source": source})


def set_danger(doc: dict[str, Any], in_danger: bool) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["judgement"]["immediate_danger"] = in_danger
    return doc


def set_level(doc: dict[str, Any], level: int | None, note: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["judgement"] |= {"level": level, "note": note}
    return doc


def add_carers(doc: dict[str, Any], relations: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Each adult as a carer: mother, father and partner by role, anyone else as other_adult."""
    doc = copy.deepcopy(doc)
    added = []
    for relation in relations:
        kind = relation if relation in ROLE_KINDS else "other_adult"
        role = _free_role(doc, kind)
        doc["carers"][role] = {} if kind == relation else {"relation": relation}
        added.append(role)
    return doc, added


def set_carer_detail(doc: dict[str, Any], role: str, name: str, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["carers"][role][name] = value
    return doc


def set_wider_family(doc: dict[str, Any], relatives: list[dict[str, str]]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["wider_family"] = relatives
    return doc


def notice_injury(doc: dict[str, Any], source: str | None) -> dict[str, Any]:
    """An injury mentioned while answering something else: present until confirmed."""
    answer = {"status": "present", "note": note(NOTICED)} | ({"source": source} if source
                                                             else {})
    return _put(doc, "infant.injury_or_bruise", answer)


def keep_noticed(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A noticed injury met with "don't know" when asked stays present: a reported injury
    stands until it is excluded on evidence."""
    return _put(doc, path, {**entry(doc, path), "note": note(NOTICED_KEPT)})


def _free_role(doc: dict[str, Any], kind: str) -> str:
    if kind not in doc["carers"]:
        return kind
    number = 2
    while f"{kind}_{number}" in doc["carers"]:
        number += 1
    return f"{kind}_{number}"


def _put(doc: dict[str, Any], path: str, answer: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    domain, *rest = path.split(".")
    if domain == "carers":
        role, factor_id = rest
        doc["carers"].setdefault(role, {})[factor_id] = answer
    else:
        doc["factors"][path] = answer
    return doc
