"""The written plans: a JSON document built from a discussion's answers and its catalogue.

Every word of a plan comes from the catalogue, and every item names its sources; the plan
carries the titles and addresses of the sources it cites, so that a saved plan reads the same
after the catalogue changes. The content is what the ``plans`` table stores:

    {"kind", "title", "intro", "date", "case_reference", "labels", "answers", "findings",
     "urgent": [section], "sections": [section], "sources": [{"id", "title", "url"}],
     "profile": {"factors", "carers", "infant"}}

A section is {"heading", "items", "audience": "family" | "practitioner"}; an item is
{"text", "sources"}, a risk {"name", "why", "instead", "sources"}, or a form to fill in by
hand {"form", "lines"}, each with "for_family". The family's copy (``render_markdown(...,
practitioner=False)``) shows only the items marked ``"for_family": true`` in sections for
the family: the catalogues say which are not (``audience: practitioner``, ``for_family:
false``), and a plan saved before items were marked shows none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from kbs.safer_practice import handling, profile, sleep
from kbs.safer_practice.answers import NO, YES
from kbs.safer_practice.catalogue import Catalogue, plan_labels, with_carer

SAFER_SLEEP = "safer_sleep"
SAFE_HANDLING = "safe_handling"


def safer_sleep_plan(answers: Mapping[str, Any], *, case_reference: str | None = None,
                     today: date | None = None, catalogue: Catalogue | None = None) -> dict:
    catalogue = catalogue or sleep.sleep_catalogue()
    answers = {**answers, **sleep.implied_answers(answers)}
    findings = sleep.assess(answers, catalogue)
    applicable = sleep.questions(answers)
    found = {*findings.never, *findings.never_if_sharing, *findings.modifiable}
    risks = catalogue.risk_questions()
    places = catalogue["place_advice"]
    kinds = {q: sleep.place_kind(answers.get(q), catalogue) for q in sleep.PLACE_QUESTIONS}
    not_known = catalogue["not_known"]

    separate = places["separate"]
    confirmed = all(answers.get(q) == a for q, a in separate.get("only_when", {}).items())
    already = [_item(separate[q], separate["sources"])
               for q in ("night_place", "day_place") if confirmed and kinds[q] == "separate"]
    already += _already(catalogue, applicable, answers.get)
    change = []
    if findings.sharing_not_known:
        change.append(_item(**not_known["sharing"]))
    doubtful = [r for r in findings.not_excluded if r in findings.never]
    if doubtful:
        labels = [_never_label(catalogue, r) for r in doubtful]
        change.append(_item(not_known["never"]["text"].format(items="; ".join(labels))))
    if sleep.SOFA_OR_ARMCHAIR in found:
        change.append(_risk(places[sleep.SOFA_OR_ARMCHAIR]))
    change += [_risk(asdict(risks[r].risk)) for r in (*findings.never, *findings.modifiable)
               if r != sleep.SOFA_OR_ARMCHAIR]
    if "other" in kinds.values():
        change.append(_risk(places["other"]))
    different = [_item(risks[r].risk.different_night, risks[r].risk.sources)
                 for r in findings.never_if_sharing]
    different += [_item(catalogue["routine_kinds"][k]["advice"],
                        catalogue.questions["routine"].risk.sources)
                  for k in findings.routine_kinds]
    nights = catalogue["nights_that_are_different"]
    different += _items(nights["always"])
    if findings.never_excluded and all(answers.get(q) == NO for q in sleep.NEVER_QUESTIONS):
        different += _items(nights["without_never_circumstances"])

    sections = [
        _section(catalogue["sections"]["already"], already),
        _section(catalogue["sections"]["change"], change),
        _section(nights["heading"], different),
        *_family_and_contacts(catalogue, answers, found),
        _practitioner_section(catalogue, _sleep_notes(catalogue, findings, doubtful),
                              answers),
    ]
    return _content(SAFER_SLEEP, catalogue, answers, case_reference, today,
                    findings=asdict(findings) | {"status": findings.status},
                    urgent=[], sections=sections,
                    profile_updates=profile.from_sleep(findings, answers))


def _sleep_notes(catalogue: Catalogue, findings: sleep.SleepFindings,
                 doubtful: list[str]) -> list[dict]:
    practitioner = catalogue["practitioner"]
    notes = []
    if findings.never:
        notes.append(_item(**practitioner["never_remains"]))
    if doubtful:
        labels = [_never_label(catalogue, r) for r in doubtful]
        notes.append(_item(practitioner["never_not_excluded"].format(items="; ".join(labels))))
    if findings.sharing_not_known:
        notes.append(_item(practitioner["sharing_not_known"]))
    if len(findings.modifiable) == 1:
        notes.append(_item(**practitioner["one_modifiable"]))
    elif len(findings.modifiable) > 1:
        notes.append(_item(**practitioner["several_modifiable"]))
    unknown = [q for q in findings.unknown if q not in doubtful]
    if unknown:
        labels = [_label(catalogue, q) for q in unknown]
        notes.append(_item(practitioner["not_known"].format(items="; ".join(labels))))
    return notes


def _never_label(catalogue: Catalogue, risk_id: str) -> str:
    """How a never-circumstance reads in a list: the risk's "noted" words."""
    if risk_id == sleep.SOFA_OR_ARMCHAIR:
        return catalogue["place_advice"][sleep.SOFA_OR_ARMCHAIR]["noted"]
    return catalogue.risk_questions()[risk_id].risk.noted


def safe_handling_plan(answers: Mapping[str, Any], *, case_reference: str | None = None,
                       today: date | None = None, catalogue: Catalogue | None = None) -> dict:
    catalogue = catalogue or handling.handling_catalogue()
    findings = handling.assess(answers, catalogue)
    fragile = answers.get("condition") == YES
    icon = catalogue["icon"]
    sections = [_section(icon["heading"], [_item(m, icon["sources"]) for m in icon["messages"]])]
    for carer in findings.carers:
        sections.append(_carer_section(catalogue, answers, carer.relation, fragile))
    if fragile:
        fragile_baby = catalogue["fragile_baby"]
        sections.append(_section(fragile_baby["heading"],
                                 [_item(fragile_baby["text"], fragile_baby["sources"])]))
    sections += _family_and_contacts(catalogue, answers, set())
    sections.append(_practitioner_section(
        catalogue, _handling_notes(catalogue, findings, answers), answers))
    return _content(SAFE_HANDLING, catalogue, answers, case_reference, today,
                    findings=asdict(findings), urgent=_urgent(catalogue, answers),
                    sections=sections, profile_updates=profile.from_handling(findings))


def _urgent(catalogue: Catalogue, answers) -> list[dict]:
    found = handling.protocol_text(answers, catalogue)
    if found is None:
        return []
    heading, paragraphs = found
    audience = catalogue["protocol"][handling.protocol(answers)].get("audience", "family")
    return [_section(heading, [_item(text, sources) for text, sources in paragraphs],
                     audience=audience)]


def _carer_section(catalogue: Catalogue, answers, carer: str, fragile: bool) -> dict:
    label = catalogue["carer_labels"][carer]
    asked = [*handling.CARER_QUESTIONS, *([handling.FRAGILE_QUESTION] if fragile else [])]

    def answer(question_id: str) -> Any:
        return handling.answer_to(answers, (question_id, carer))

    items = _already(catalogue, asked, answer)
    for question_id in asked:
        risk = catalogue.questions[question_id].risk
        if answer(question_id) == risk.when:
            items.append(_risk(asdict(risk)))
    form = catalogue["crying_plan_form"]
    items.append({"form": form["heading"], "lines": list(form["lines"]), "for_family": True})
    return _fill(_section(catalogue["sections"]["for_carer"], items), label)


def _handling_notes(catalogue: Catalogue, findings: handling.HandlingFindings,
                    answers: Mapping[str, Any]) -> list[dict]:
    practitioner = catalogue["practitioner"]
    labels = catalogue["carer_labels"]
    notes = [_item(**practitioner["record_icon"])]
    not_reached = [labels[c.relation] for c in findings.carers
                   if c.icon_not_discussed != "absent"]
    worrying = [labels[c.relation] for c in findings.carers if c.unsafe_handling == "present"]
    not_seen = [labels[c.relation] for c in findings.carers if c.unsafe_handling == "unknown"
                and handling.answer_to(answers, ("concern", c.relation)) == NO]
    for note, carers in (("carers_not_reached", not_reached), ("handling_worry", worrying),
                         ("handling_not_seen", not_seen)):
        if carers:
            spec = practitioner[note]
            notes.append(_item(spec["text"].format(items=", ".join(carers)), spec["sources"]))
    if findings.unknown:
        unknown = [_label(catalogue, q, labels.get(carer)) for q, carer in findings.unknown]
        notes.append(_item(practitioner["not_known"].format(items="; ".join(unknown))))
    return notes


def _family_and_contacts(catalogue: Catalogue, answers, found: set[str]) -> list[dict]:
    family_plan = answers.get("family_plan")
    contacts = catalogue["speak_to_someone"]
    items = _items(contacts["always"])
    items += [_item(entry["text"]) for entry in contacts.get("when_found", ())
              if found & set(entry["risks"])]
    return [_section(catalogue["sections"]["family_plan"],
                     [_item(family_plan)] if family_plan else []),
            _section(contacts["heading"], items)]


def _practitioner_section(catalogue: Catalogue, notes: list[dict], answers) -> dict:
    practitioner = catalogue["practitioner"]
    if answers.get("family_plan"):
        notes.append(_item(practitioner["family_intentions"]))
    notes.append(_item(**practitioner["always"]))
    return _section(practitioner["heading"], notes, audience="practitioner")


def _already(catalogue: Catalogue, asked, answer) -> list[dict]:
    """What the answers show the family already does, question by question."""
    return [_item(q.already, q.sources) for q in map(catalogue.questions.get, asked)
            if q is not None and q.already and answer(q.id) == q.already_when]


def _label(catalogue: Catalogue, question_id: str, carer_label: str | None = None) -> str:
    """How a question reads in a list of what is not known."""
    question = catalogue.questions[question_id]
    if carer_label:
        name = with_carer(question.risk.name, carer_label)
        return name if name.split()[0].isupper() else name[0].lower() + name[1:]
    return question.noted or question.risk.noted


def _content(kind, catalogue: Catalogue, answers, case_reference, today, *, findings, urgent,
             sections, profile_updates) -> dict:
    sections = [s for s in sections if s["items"]]
    cited = list(dict.fromkeys(source for section in (*urgent, *sections)
                               for item in section["items"] for source in item.get("sources", ())))
    return {
        "kind": kind, "title": catalogue.title, "intro": catalogue.intro,
        "date": (today or date.today()).isoformat(), "case_reference": case_reference,
        "labels": plan_labels(),
        "answers": dict(answers), "findings": findings, "urgent": urgent, "sections": sections,
        "sources": [asdict(catalogue.sources[s]) for s in cited],
        "profile": profile_updates,
    }


def _section(heading: str, items: list[dict], audience: str = "family") -> dict:
    return {"heading": heading, "items": items, "audience": audience}


def _item(text: str, sources=(), for_family: bool = True) -> dict:
    return {"text": text, "sources": list(sources), "for_family": for_family}


def _items(entries) -> list[dict]:
    return [_item(entry["text"], entry.get("sources", ())) for entry in entries]


def _risk(spec: Mapping[str, Any]) -> dict:
    return {"name": spec["name"], "why": spec["why"], "instead": spec["instead"],
            "sources": list(spec["sources"]), "for_family": spec.get("for_family", True)}


def _fill(section: dict, carer_label: str) -> dict:
    """A carer's section with "{carer}" replaced by the carer's role."""
    items = [{key: with_carer(value, carer_label) if isinstance(value, str) else value
              for key, value in item.items()} for item in section["items"]]
    return {**section, "heading": with_carer(section["heading"], carer_label), "items": items}
