"""One answer to one question: read it, record it, and say back what was recorded.

``apply_answer`` returns the new answers document and the message confirming it, or no
document and a message asking again when the answer cannot be read. The confirmation shows
the practitioner how their words were taken, so a misreading can be put right ("go back").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kbs.assessment import interpret, numbers, record
from kbs.assessment.interpret import UNKNOWN
from kbs.assessment.messages import Message
from kbs.assessment.reading import Reading
from kbs.assessment.steps import Step, carer_name
from kbs.assessment.vocabulary import Vocabulary
from kbs.engine import load_routes
from kbs.identifying import possible_name

SOURCE_WORDS = {"observed": "on your own observation or assessment",
                "carer_account": "on the carer's own account",
                "professional": "from another agency or its records",
                "wider_family": "from the wider family"}
INFANT_RANGES = {"age_weeks": (0, 52, "weeks"), "gestation_weeks": (20, 45, "weeks"),
                 "birth_weight_kg": (0.2, 7, "kg")}
INFANT_LABELS = {"age_weeks": "age", "gestation_weeks": "born at",
                 "birth_weight_kg": "birth weight", "mobile": "independently mobile"}
MAX_NOTE_CHARS = 500


@dataclass(frozen=True)
class Applied:
    doc: dict[str, Any] | None  # None: the answer could not be read; ask again
    message: Message


def apply_answer(step: Step, reading: Reading, doc: dict[str, Any],
                 vocab: Vocabulary) -> Applied:
    return READERS[step.kind](step, reading, doc, vocab)


def describe(step: Step, doc: dict[str, Any]) -> str:
    """What is recorded for a question, in words."""
    if step.kind in ("factor", "source"):
        return _describe_factor(step, doc)
    if step.kind == "field":
        value = (record.entry(doc, step.path) or {}).get(step.name)
        return f"{step.factor.label}: {step.name.replace('_', ' ')} {_value_words(value)}"
    if step.kind == "infant":
        value = doc["infant"].get(step.name)
        unit = INFANT_RANGES.get(step.name, (0, 0, ""))[2]
        if step.name == "mobile" or value is None:
            return f"{INFANT_LABELS[step.name]}: {_value_words(value)}"
        return f"{INFANT_LABELS[step.name]}: {value:g} {unit}"
    if step.kind == "danger":
        return f"in danger now: {_value_words(doc['judgement'].get('immediate_danger'))}"
    if step.kind == "sole_carer":
        value = doc["carers"].get(step.role, {}).get("sole_carer")
        return f"{carer_name(doc, step.role)} ever alone with the baby: {_value_words(value)}"
    if step.kind == "carers":
        return "carers: " + (", ".join(carer_name(doc, r) for r in record.roles(doc)) or "none")
    if step.kind == "wider_family":
        relatives = doc.get("wider_family")
        return "wider family: " + ("not known" if relatives is None else ", ".join(
            f"{r['relation']} (contact {r['contact'].replace('_', ' ')})" for r in relatives)
            or "no one")
    if step.kind == "level":
        level = doc["judgement"].get("level")
        return f"judgement: level {level} ({doc['judgement']['note']})" if level else (
            "judgement: the profile's level stands")
    return "nothing recorded"


def _describe_factor(step: Step, doc: dict[str, Any]) -> str:
    factor, entry = step.factor, record.entry(doc, step.path)
    who = f" ({carer_name(doc, step.role)})" if step.role else ""
    if not entry:
        return f"{factor.label}{who}: not answered"
    if entry.get("note") in (record.PENDING_SOURCE, record.NO_EVIDENCE):
        return f"{factor.label}{who}: {entry['note']}"
    if entry["status"] == "unknown":
        return (f"{factor.label}{who}: not known ({factor.options['unknown']}); not known is "
                "never counted as safe")
    text = f"{factor.label}{who}: {factor.options[entry['status']]}"
    if entry.get("source"):
        text += f", {SOURCE_WORDS[entry['source']]}"
    if entry.get("note"):
        text += f" ({entry['note']})"
    if (entry["status"] == "absent" and entry.get("source") == "carer_account"
            and factor.has("needs_corroboration")):
        text += (". This exclusion is uncorroborated: a carer's own account is not enough on "
                 f"its own. {factor.corroborate}")
    return text


def _value_words(value: Any) -> str:
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v).replace("_", " ") for v in value) or "none"
    return str(value).replace("_", " ")


def emergency_contact() -> str:
    """What to do in an emergency, from the partnership's routes file (the only place for
    phone numbers)."""
    return load_routes().routes["emergency_999"].contact


def _confirm(step: Step, doc: dict[str, Any]) -> Applied:
    return Applied(doc, Message(f"Noted: {describe(step, doc)}."))


def _ask_again(text: str) -> Applied:
    return Applied(None, Message(text))


def _danger(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    answer = interpret.yes_no(reading, vocab.in_danger, vocab)
    if answer == UNKNOWN:
        return Applied(doc, Message("Not recorded. If you think the baby may be in danger now: "
                                    f"{emergency_contact()}"))
    if answer is None:
        return _ask_again("Is the baby in danger now? Please answer yes or no.")
    return _confirm(step, record.set_danger(doc, answer))


def _infant(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    if step.name == "mobile":
        answer = interpret.yes_no(reading, vocab.mobile, vocab)
        if answer is None:
            return _ask_again("Is the baby rolling, crawling, shuffling, cruising or walking? "
                              "Please answer yes, no or don't know.")
        return _confirm(step, record.set_infant(doc, "mobile", None if answer == UNKNOWN
                                                else answer))
    if interpret.said_unknown(reading, vocab):
        return _confirm(step, record.set_infant(doc, step.name, None))
    low, high, unit = INFANT_RANGES[step.name]
    value = (numbers.kilograms(reading) if step.name == "birth_weight_kg"
             else numbers.weeks(reading))
    if value is None or not low <= value <= high:
        example = "3.2 kg, 3200 g or 7 lb 1 oz" if unit == "kg" else "12 weeks or 3 months"
        why = ("The profile is for babies under one. " if step.name == "age_weeks"
               and value is not None else "")
        return _ask_again(f"{why}Please give a number between {low:g} and {high:g} {unit} "
                          f"(for example {example}), or say you don't know.")
    return _confirm(step, record.set_infant(doc, step.name, value))


def _factor(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    factor = step.factor
    found = interpret.status(reading, vocab.factors.get(f"{factor.domain}.{factor.id}"), vocab,
                             record.household(doc))
    if found.status is None:
        return _ask_again(
            f"I couldn't tell whether that means yes ({factor.options['present']}), no "
            f"({factor.options['absent']}) or not known. Please use a button or say it "
            "another way.")
    if found.status == UNKNOWN and (record.entry(doc, step.path) or {}).get(
            "note") == record.NOTICED:
        return _confirm(step, record.keep_noticed(doc, step.path))
    doc = record.set_status(doc, step.path, factor, found.status, found.source, found.note)
    if record.entry(doc, step.path).get("note") == record.PENDING_SOURCE:
        return Applied(doc, Message("An exclusion needs evidence, so one more question."))
    return _confirm(step, doc)


def _source(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    found = interpret.answered_source(reading, vocab, record.household(doc))
    if found is None:
        return _ask_again("How do you know: seen yourself, the carer's account, another "
                          "agency or its records, or the wider family?")
    return _confirm(step, record.set_source(doc, step.path, None if found == UNKNOWN
                                            else found))


def _field(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    spec = step.factor.fields[step.name]
    cues = vocab.fields.get(f"{step.factor.domain}.{step.factor.id}.{step.name}")
    if spec.type == "boolean":
        value = interpret.yes_no(reading, cues, vocab)
    elif spec.type == "integer":
        value = UNKNOWN if interpret.said_unknown(reading, vocab) else numbers.count(reading)
        value = value if value == UNKNOWN or (
            value is not None and spec.minimum <= value <= spec.maximum) else None
    elif spec.type == "choice":
        value = interpret.choice(reading, cues, vocab)
    else:
        value = interpret.choices(reading, cues, vocab)
    if value is None:
        options = (f" ({', '.join(str(v).replace('_', ' ') for v in spec.values)})"
                   if spec.values else f" ({spec.minimum} to {spec.maximum})"
                   if spec.type == "integer" else "")
        return _ask_again(f"I couldn't read that answer{options}. Please use a button or say "
                          "it another way.")
    if value == UNKNOWN:
        return Applied(doc, Message("Noted as not known."))
    return _confirm(step, record.set_field(doc, step.path, step.name, value))


def _carers(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    relations = interpret.relations(reading, vocab)
    if relations:
        doc, _ = record.add_carers(doc, relations)
        return Applied(doc, Message(f"Noted: {describe(step, doc)}. I'll ask about each in "
                                    "turn."))
    if interpret.said_unknown(reading, vocab):
        return Applied(doc, Message("No carer recorded yet. The profile cannot be complete "
                                    "until every adult who lives in or regularly visits the "
                                    "household is recorded."))
    return _ask_again("Please name each adult by how they are related to the baby (for example "
                      "mum, dad, mum's partner, grandmother), not by name.")


def _sole_carer(step: Step, reading: Reading, doc: dict[str, Any],
                vocab: Vocabulary) -> Applied:
    answer = interpret.yes_no(reading, None, vocab)
    if answer is None:
        return _ask_again("Is this carer ever alone with the baby? Please answer yes, no or "
                          "don't know.")
    return _confirm(step, record.set_carer_detail(doc, step.role, "sole_carer",
                                                  None if answer == UNKNOWN else answer))


def _wider_family(step: Step, reading: Reading, doc: dict[str, Any],
                  vocab: Vocabulary) -> Applied:
    relatives = interpret.wider_family(reading, vocab)
    if relatives is None:
        return _ask_again('Please name each relative by relation, with "made", "not yet" or '
                          '"refused" for contact, or say "no one".')
    if relatives == UNKNOWN:
        return Applied(doc, Message("Noted as not known."))
    return _confirm(step, record.set_wider_family(doc, relatives))


def _level(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    answer = interpret.level(reading, vocab)
    if answer is None:
        return _ask_again(vocab.level_hint)
    if answer == UNKNOWN:
        return Applied(doc, Message("Noted: no judgement recorded."))
    level, note = answer
    if level is not None and not note:
        return _ask_again("Please give the reason with the level, so that it is recorded with "
                          'it: for example "3: father unseen and the account unchecked".')
    name = possible_name(reading.text, vocab.not_names)
    if name:
        return _ask_again(f'"{name}" may be a name, and the profile keeps no names. Please give '
                          "the reason without names (by relation: mum, dad, partner).")
    return _confirm(step, record.set_level(doc, level, note[:MAX_NOTE_CHARS]))


def _offer(step: Step, reading: Reading, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    offered = step.id.removeprefix("offer:").split(",")
    chosen = [r for r in interpret.relations(reading, vocab) if r in offered]
    answer = True if chosen else interpret.yes_no(reading, None, vocab)
    if answer is None:
        return _ask_again("Do they live in the household or regularly visit it? Please answer "
                          "yes or no.")
    if answer is not True:
        return Applied(doc, Message("Not added as a carer. If they do live there or visit "
                                    "regularly, they belong in the profile."))
    doc, roles = record.add_carers(doc, chosen or offered)
    names = ", ".join(carer_name(doc, role) for role in roles)
    return Applied(doc, Message(f"Added as a carer: {names}. Their questions come in turn."))


READERS = {"danger": _danger, "infant": _infant, "factor": _factor, "source": _source,
           "field": _field, "carers": _carers, "sole_carer": _sole_carer,
           "wider_family": _wider_family, "level": _level, "offer": _offer}

