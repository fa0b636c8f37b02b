"""One answer to one question: apply what the message says, and say back what was recorded.

``apply_answer`` takes the message as read once (``interpret.Said``: its facts and the
red-flag matters it mentions) and returns the new answers document with the messages
confirming it, or no document and a message asking again when the answer cannot be read.
The confirmation shows the practitioner how their words were taken, so a misreading can be
put right ("go back"). Every wording is assessment.yml's (``say``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kbs.assessment import depth, interpret, record
from kbs.assessment.interpret import UNKNOWN, Said
from kbs.assessment.steps import Step, about, carer_name, plan
from kbs.assessment.vocabulary import Vocabulary, load_vocabulary, say
from kbs.chat import Message
from kbs.engine import load_catalogue, load_routes
from kbs.engine.catalogue import Factor
from kbs.identifying import Refusal, screen
from kbs.text import AGE, BIRTH, Facts
from kbs.text.lexicon import load_lexicon
from kbs.text.words import find

AGE_WEEKS = (0, 52)  # the profile is for babies under one
MAX_NOTE_CHARS = 500


@dataclass(frozen=True)
class Applied:
    doc: dict[str, Any] | None  # None: the answer could not be read; ask again
    messages: tuple[Message, ...]
    # The answer could not be read, but what it mentioned in passing (an injury, a baby in
    # danger now, not mobile) is recorded all the same: the answers with only that.
    noticed: dict[str, Any] | None = None
    # Read, but not confidently: what was understood, to be confirmed before it is saved
    # (``apply_pending`` saves it).
    pending: dict[str, Any] | None = None


def apply_answer(step: Step, said: Said, doc: dict[str, Any]) -> Applied:
    """Record the answer to ``step``, and anything the message noticed besides; when the
    answer cannot be read, what it noticed is still kept (``Applied.noticed``)."""
    vocab = load_vocabulary()
    if step.kind == "factor":  # a correction replaces; any other answer may add an account
        applied = _factor(step, said.facts, doc, vocab, keep_accounts=not said.correction)
    else:
        applied = READERS[step.kind](step, said.facts, doc, vocab)
    # A refusal by the screening found both in the answer and in passing is said once.
    if applied.doc is None:
        kept, noticed = _notice(step, said, doc, vocab)
        return Applied(None, tuple(dict.fromkeys((*noticed, *applied.messages))),
                       kept if noticed else None, applied.pending)
    doc, noticed = _notice(step, said, applied.doc, vocab)
    return Applied(doc, tuple(dict.fromkeys((*applied.messages, *noticed))))


def describe(step: Step, doc: dict[str, Any]) -> str:
    """What is recorded for a question, in words."""
    if step.kind in ("factor", "source"):
        return _describe_factor(step, doc)
    if step.kind == "group":
        return "".join(f"\n- {_describe_factor(member, doc)}"
                       for member in _members(step))
    if step.kind == "field":
        value = (record.entry(doc, step.path) or {}).get(step.name)
        return f"{step.factor.label}: {step.name.replace('_', ' ')} {_value_words(value)}"
    if step.kind == "infant":
        value = doc["infant"].get(step.name)
        label = load_vocabulary().infant_labels[step.name]
        if step.name == "mobile" or value is None:
            return f"{label}: {_value_words(value)}"
        return f"{label}: {value:g} {_unit(step.name)}"
    if step.kind == "danger":
        return say("recorded_danger", value=_value_words(doc["judgement"].get("immediate_danger")))
    if step.kind == "sole_carer":
        value = doc["carers"].get(step.role, {}).get("sole_carer")
        return say("recorded_sole_carer", carer=carer_name(doc, step.role),
                   value=_value_words(value))
    if step.kind == "contact":
        value = doc["carers"].get(step.role, {}).get("contact")
        return say("recorded_contact", carer=carer_name(doc, step.role),
                   value=depth.load_depth().contact_labels[value] if value
                   else say("value_not_known"))
    if step.kind == "carers":
        return say("recorded_carers", carers="; ".join(
            _with_contact(doc, r) for r in record.roles(doc)) or say("value_none"))
    if step.kind == "wider_family":
        relatives = doc.get("wider_family")
        return say("recorded_wider_family", relatives=say("value_not_known") if relatives is None
                   else ", ".join(say("recorded_relative", relation=r["relation"],
                                      contact=r["contact"].replace("_", " "))
                                  for r in relatives) or say("value_no_one"))
    if step.kind == "level":
        level = doc["judgement"].get("level")
        return say("recorded_level", level=level, note=doc["judgement"]["note"]) if level else (
            say("recorded_level_stands"))
    return say("recorded_nothing")


def _describe_factor(step: Step, doc: dict[str, Any]) -> str:
    factor, entry = step.factor, record.entry(doc, step.path)
    who = about(factor.label, doc, step.role)
    if not entry:
        return say("recorded_not_answered", about=who)
    if record.has_note(entry, record.PENDING_SOURCE, record.NO_EVIDENCE):
        return f"{who}: {entry['note']}"
    if entry["status"] == "unknown":
        return say("recorded_not_known", about=who, unknown=factor.options["unknown"])
    text = f"{who}: {factor.options[entry['status']]}"
    words = load_vocabulary().source_words
    if entry.get("accounts"):
        text += "; " + say("recorded_accounts", accounts="; ".join(
            say("recorded_account", status=factor.options[a["status"]],
                source=words[a["source"]]) + (f' ("{a["note"]}")' if a.get("note") else "")
            for a in entry["accounts"]))
    elif entry.get("source"):
        text += f", {words[entry['source']]}"
    if entry.get("note"):
        text += f" ({entry['note']})"
    if (entry["status"] == "absent" and entry.get("source") == "carer_account"
            and factor.has("needs_corroboration")):
        text += ". " + say("uncorroborated", corroborate=factor.corroborate)
    return text


def _with_contact(doc: dict[str, Any], role: str) -> str:
    """A carer's name, with their contact when it is recorded: "the partner (lives with
    the baby)"."""
    contact = doc["carers"].get(role, {}).get("contact")
    if contact is None:
        return carer_name(doc, role)
    return say("recorded_carer_contact", carer=carer_name(doc, role),
               contact=depth.load_depth().contact_labels[contact])


def _members(step: Step) -> list[Step]:
    """A group's factors, each as the step that asks it on its own."""
    catalogue = load_catalogue()
    return [replace(step, id=path, kind="factor", factor=catalogue.for_path(path), members=())
            for path in step.members]


def _value_words(value: Any) -> str:
    if value is None:
        return say("value_not_known")
    if isinstance(value, bool):
        return say("value_yes") if value else say("value_no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v).replace("_", " ") for v in value) or say("value_none")
    return str(value).replace("_", " ")


def emergency_contact() -> str:
    """What to do in an emergency, from the partnership's routes file (the only place for
    phone numbers)."""
    return load_routes().routes["emergency_999"].contact


def _confirm(step: Step, doc: dict[str, Any]) -> Applied:
    return Applied(doc, (Message(say("noted", recorded=describe(step, doc))),))


def _noted(doc: dict[str, Any], text: str) -> Applied:
    return Applied(doc, (Message(text),))


def _ask_again(text: str) -> Applied:
    return Applied(None, (Message(text),))


def _danger(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    answer = interpret.yes_no(facts.reading, vocab.in_danger, vocab)
    if answer == UNKNOWN:
        return _noted(doc, say("danger_not_recorded", emergency=emergency_contact()))
    if answer is None:
        return _ask_again(say("ask_danger"))
    return _confirm(step, record.set_danger(doc, answer))


def _infant(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    if step.name == "mobile":
        answer = interpret.mobility(facts, vocab)
        if answer is None:
            return _ask_again(say("ask_mobile"))
        doc = record.set_infant(doc, "mobile", None if answer == UNKNOWN else answer)
        source = interpret.source(facts.reading, vocab, record.household(doc))
        if answer != UNKNOWN and source:  # "parents say he has just started rolling over"
            doc = record.set_mobility_source(doc, answer, source)
        return _confirm(step, doc)
    if interpret.said_unknown(facts.reading, vocab):
        return _confirm(step, record.set_infant(doc, step.name, None))
    low, high = _limits(step.name)
    value = {"age_weeks": facts.weeks(AGE), "gestation_weeks": facts.weeks(BIRTH),
             "birth_weight_kg": facts.kilograms()}[step.name]
    if value is None or not low <= value <= high:
        ask = say("ask_number", lowest=f"{low:g}", highest=f"{high:g}", unit=_unit(step.name),
                  example=say("example_kg" if step.name == "birth_weight_kg"
                              else "example_weeks"))
        return _ask_again(say("ask_age_under_one", ask=ask) if step.name == "age_weeks"
                          and value is not None else ask)
    return _confirm(step, record.set_infant(doc, step.name, value))


def _limits(name: str) -> tuple[float, float]:
    """The numbers an answer about the baby can be: an age under one; a gestation or birth
    weight as kbs.text reads one."""
    return AGE_WEEKS if name == "age_weeks" else getattr(load_lexicon(), name)


def _unit(name: str) -> str:
    return say("unit_kg" if name == "birth_weight_kg" else "unit_weeks")


def _factor(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary,
            keep_accounts: bool = True) -> Applied:
    """The answer to a factor's question. Said by someone else than the answer already
    recorded ("nan says she drinks most days" after "mum says only at weekends", the
    question asked again), it is kept beside it as another account (``record.add_account``)
    unless it is a correction."""
    factor = step.factor
    key = f"{factor.domain}.{factor.id}"
    found = interpret.status(facts, vocab.factors.get(key), vocab,
                             record.household(doc, step.role),
                             negative=key in vocab.asked_in_the_negative)
    if found.status is None:
        return _ask_again(say("ask_factor", present=factor.options["present"],
                              absent=factor.options["absent"]))
    if found.status == UNKNOWN and record.has_note(record.entry(doc, step.path),
                                                   record.NOTICED):
        return _confirm(step, record.keep_noticed(doc, step.path))
    if (found.worded and found.source is None and key in vocab.source_asked
            and not factor.has("needs_corroboration")):
        # In the practitioner's own words ("dad wasn't there again"), with nobody else named:
        # their own observation. After a button or a bare yes or no, the source is asked.
        found = replace(found, source=record.OWN_ASSESSMENT)
    pending, kept = _pending(found, facts)
    if found.confirm:
        return Applied(None, kept, pending=pending)
    if keep_accounts and not found.accounts and record.is_another_account(
            doc, step.path, found.status, found.source):
        words, refusal = _account_words(facts.reading.text)
        doc = record.add_account(doc, step.path, factor, found.status, found.source, words,
                                 bool(find(facts.reading, vocab.contrast)))
        extra = crisis_messages([factor]) if found.status == "present" else ()
        return Applied(doc, (*_confirm(step, doc).messages, *_not_kept(refusal), *extra))
    return apply_pending(step, pending, doc, kept)


def _account_words(said: str, message: str | None = None) -> tuple[str, Refusal | None]:
    """An account's words as they are kept with it, through the one screening
    (kbs.identifying): nothing when it refuses them, or the message they were said in (as
    typed: an account's words are read in lower case); and the refusal, if any."""
    refusal = (screen(message) if message not in (None, said) else None) or screen(said)
    return ("" if refusal else said[:MAX_NOTE_CHARS]), refusal


def _not_kept(refusal: Refusal | None) -> tuple[Message, ...]:
    """Words refused by the screening, not kept: the practitioner is told why, and the
    message carries the words refused, so that the chat does not keep them either."""
    return (Message(say("note_not_kept", reason=refusal.reason), screened=refusal.words),
            ) if refusal else ()


def _pending(found: interpret.Status,
             facts: Facts) -> tuple[dict[str, Any], tuple[Message, ...]]:
    """The answer as it will be recorded: status, source, note and the accounts that differ.
    The practitioner's own observation in words ("she seemed low and flat to me") is kept as
    the note, and each account with its words, unless the screening (kbs.identifying)
    refuses the message: then the answer is recorded without any of its words, and the
    practitioner is told why. The whole message is screened, as typed (an account's words
    are read in lower case)."""
    said = facts.reading.text
    observed = (found.source == "observed" and found.status == "present"
                and not found.accounts and len(facts.reading.content_words) > 2)
    refusal = screen(said) if observed or found.accounts else None
    note = said[:MAX_NOTE_CHARS] if observed and refusal is None else found.note
    screened = [("", None) if refusal else _account_words(a.said) for a in found.accounts]
    # Any account's words refused: none of the message's is kept.
    refusal = refusal or next((refused for _, refused in screened if refused), None)
    accounts = []
    for account, (words, _) in zip(found.accounts, screened, strict=True):
        kept = {"status": account.status, "source": account.source}
        if words and refusal is None:
            kept["note"] = words
        accounts.append(kept)
    return ({"status": found.status, "source": found.source, "note": note,
             "accounts": accounts}, _not_kept(refusal))


def apply_pending(step: Step, pending: dict[str, Any], doc: dict[str, Any],
                  messages: tuple[Message, ...] = ()) -> Applied:
    """Record an answer to a factor as read (``_pending``), and say it back."""
    factor = step.factor
    doc = record.set_status(doc, step.path, factor, pending["status"], pending["source"],
                            pending["note"], pending["accounts"])
    if record.has_note(record.entry(doc, step.path), record.PENDING_SOURCE):
        return _noted(doc, say("exclusion_needs_evidence"))
    confirmed = _confirm(step, doc)
    extra = crisis_messages([factor]) if pending["status"] == "present" else ()
    return Applied(doc, (*confirmed.messages, *messages, *extra))


def understood(step: Step, pending: dict[str, Any], doc: dict[str, Any]) -> str:
    """What an answer waiting to be confirmed would record, in words."""
    factor = step.factor
    doc = record.set_status(doc, step.path, factor, pending["status"], pending["source"],
                            pending["note"], pending["accounts"])
    entry = record.entry(doc, step.path)
    if record.has_note(entry, record.PENDING_SOURCE):
        return f"{about(factor.label, doc, step.role)}: {factor.options['absent']}"
    return describe(step, doc)


def crisis_messages(factors: list[Factor]) -> tuple[Message, ...]:
    """The urgent contact for each present factor that has one (a carer's mental health:
    suicidal thoughts, psychosis, thoughts of harming the baby), from the routes file."""
    crisis = load_vocabulary().crisis
    ids = dict.fromkeys(crisis[key] for key in (f"{f.domain}.{f.id}" for f in factors)
                        if key in crisis)
    contacts = load_routes().crisis
    return tuple(Message(say("crisis", name=contacts[i].name, description=contacts[i].description,
                             contact=contacts[i].contact)) for i in ids)


def _group(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    """The answer to a group's "do any of these apply?" (depth.yml): the factors it names,
    or every factor listed for "none of these" or "don't know"; a factor it leaves out is
    asked on its own next."""
    members = _members(step)
    found = interpret.group(facts, {m.path: vocab.factors.get(f"{m.factor.domain}.{m.factor.id}")
                                    for m in members}, vocab, depth.load_depth().groups_none)
    if found is None:
        return _ask_again(say("ask_group"))
    if found == UNKNOWN:
        found = dict.fromkeys((m.path for m in members), UNKNOWN)
    source = interpret.source(facts.reading, vocab, record.household(doc))
    for member in members:
        if member.path in found:
            status = found[member.path]
            doc = record.set_status(doc, member.path, member.factor, status,
                                    source if status != UNKNOWN else None)
    said = replace(step, members=tuple(m.path for m in members if m.path in found))
    extra = crisis_messages([m.factor for m in members if found.get(m.path) == "present"])
    return Applied(doc, (Message(say("noted_group", items=describe(said, doc))), *extra))


def _source(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    found = interpret.answered_source(facts.reading, vocab, record.household(doc, step.role))
    if found is None:
        return _ask_again(say("ask_source"))
    return _confirm(step, record.set_source(doc, step.path, None if found == UNKNOWN
                                            else found))


def _field(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    spec = step.factor.fields[step.name]
    cues = vocab.fields.get(f"{step.factor.domain}.{step.factor.id}.{step.name}")
    if spec.type == "boolean":
        value = interpret.yes_no(facts.reading, cues, vocab)
    elif spec.type == "integer":
        value = UNKNOWN if interpret.said_unknown(facts.reading, vocab) else facts.count
        value = value if value == UNKNOWN or (
            value is not None and spec.minimum <= value <= spec.maximum) else None
    elif spec.type == "choice":
        value = interpret.choice(facts.reading, cues, vocab)
    else:
        value = interpret.choices(facts.reading, cues, vocab)
    if value is None:
        if spec.values:
            options = ", ".join(str(v).replace("_", " ") for v in spec.values)
        elif spec.type == "integer":
            options = say("field_range", minimum=spec.minimum, maximum=spec.maximum)
        else:
            return _ask_again(say("ask_field"))
        return _ask_again(say("ask_field_options", options=options))
    if value == UNKNOWN:
        return _noted(doc, say("noted_not_known"))
    return _confirm(step, record.set_field(doc, step.path, step.name, value))


def _carers(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    if facts.relations:
        doc, roles = record.add_carers(doc, [relation.name for relation in facts.relations])
        # "her partner who lives with them": the contact said is recorded, not asked again
        said = interpret.said_of_each(facts.reading, vocab)
        for role, relation in zip(roles, facts.relations, strict=True):
            contact = (depth.read_contact(said[relation.name], vocab)
                       if depth.contact_asked(role) and relation.name in said else None)
            if contact not in (None, UNKNOWN):
                doc = record.set_carer_detail(doc, role, "contact", contact)
        return _noted(doc, say("noted_carers", recorded=describe(step, doc)))
    if interpret.said_unknown(facts.reading, vocab):
        return _noted(doc, say("no_carer_yet"))
    return _ask_again(say("ask_carers"))


def _sole_carer(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    answer = interpret.yes_no(facts.reading, None, vocab)
    if answer is None:
        return _ask_again(say("ask_sole_carer"))
    return _confirm(step, record.set_carer_detail(doc, step.role, "sole_carer",
                                                  None if answer == UNKNOWN else answer))


def _contact(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    """Whether the adult lives with the baby, visits or has no contact (depth.yml)."""
    answer = depth.read_contact(facts.reading, vocab)
    if answer is None:
        return _ask_again(say("ask_contact"))
    return _confirm(step, record.set_carer_detail(doc, step.role, "contact",
                                                  None if answer == UNKNOWN else answer))


def _wider_family(step: Step, facts: Facts, doc: dict[str, Any],
                  vocab: Vocabulary) -> Applied:
    refusal = screen(facts.reading.text)
    if refusal:  # only roles and contact are kept, but the words would stay in the chat
        return Applied(None, (Message(say("answer_not_kept", reason=refusal.reason),
                                      screened=refusal.words),))
    relatives = interpret.wider_family(facts, vocab)
    if relatives is None:
        return _ask_again(say("ask_wider_family"))
    if relatives == UNKNOWN:
        return _noted(doc, say("noted_not_known"))
    return _confirm(step, record.set_wider_family(doc, relatives))


def _level(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    answer = interpret.level(facts.reading, vocab)
    if answer is None:
        return _ask_again(vocab.level_hint)
    if answer == UNKNOWN:
        return _noted(doc, say("noted_no_judgement"))
    level, note = answer
    if level is not None and not note:
        return _ask_again(say("ask_level_reason"))
    refusal = screen(facts.reading.text)
    if refusal:
        return Applied(None, (Message(say("ask_without_names", reason=refusal.reason),
                                      screened=refusal.words),))
    return _confirm(step, record.set_level(doc, level, note[:MAX_NOTE_CHARS]))


def _offer(step: Step, facts: Facts, doc: dict[str, Any], vocab: Vocabulary) -> Applied:
    offered = step.id.removeprefix("offer:").split(",")
    chosen = [r.name for r in facts.relations if r.name in offered]
    answer = True if chosen else interpret.yes_no(facts.reading, None, vocab)
    if answer is None:
        return _ask_again(say("ask_offer"))
    if answer is not True:
        return _noted(doc, say("carer_not_added"))
    doc, roles = record.add_carers(doc, chosen or offered)
    return _noted(doc, say("carer_added", names=", ".join(carer_name(doc, role)
                                                          for role in roles)))


def _accounts_in_passing(step: Step, facts: Facts, doc: dict[str, Any],
                         vocab: Vocabulary) -> tuple[dict[str, Any], list[Message]]:
    """Another account of a carer's factor already answered, reported in passing at a later
    question ("nan says mum drinks most days", asked whether mum's drinking is stable): kept
    beside the first (``record.add_account``), when it is the only such account in the
    message and the factor is asked of that carer. The factor on the table is left to its
    own reading."""
    carers = {role: carer.get("relation") or role.rstrip("_0123456789")
              for role, carer in doc["carers"].items()}
    cues = {f"carer.{f.id}": vocab.factors.get(f"carer.{f.id}")
            for f in load_catalogue().carer_factors()}
    found = []
    for role, key, account in interpret.reported(facts, cues, vocab, record.household(doc),
                                                 carers, step.role):
        path = f"carers.{role}.{key.removeprefix('carer.')}"
        if (step.kind == "factor" and step.path == path) or not record.is_another_account(
                doc, path, account.status, account.source):
            continue
        asked = next((s for s in plan(doc) if s.id == path), None)
        if asked is not None:
            found.append((asked, account))
    if len(found) != 1:
        return doc, []
    asked, account = found[0]
    words, refusal = _account_words(account.said, facts.reading.text)
    doc = record.add_account(doc, asked.path, asked.factor, account.status, account.source,
                             words, bool(find(facts.reading, vocab.contrast)))
    return doc, [Message(say("noticed_account", recorded=describe(asked, doc))),
                 *_not_kept(refusal)]


def _infant_in_passing(step: Step, facts: Facts,
                       doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The baby's age, gestation and birth weight said in passing, each with the words
    that say what it is of (depth.yml, in_passing): recorded unless already answered."""
    taken = []
    for name in depth.load_depth().in_passing:
        value = facts.infant.get(name)
        if (name == step.name or name not in facts.explicit or name in doc["infant"]
                or value is None or not _limits(name)[0] <= value <= _limits(name)[1]):
            continue
        doc = record.set_infant(doc, name, value)
        taken.append(describe(replace(step, kind="infant", name=name), doc))
    return doc, taken


def _notice(step: Step, said: Said, doc: dict[str, Any],
            vocab: Vocabulary) -> tuple[dict[str, Any], tuple[Message, ...]]:
    """An injury, or a baby in danger now, mentioned while answering something else; and,
    while answering about the baby, that the baby is not independently mobile ("she's 16
    weeks and rolls"). Only what adds to the risk is taken up in passing."""
    messages = []
    if (step.kind in ("danger", "infant") and step.name != "mobile"
            and said.facts.mobile is False and doc["infant"].get("mobile") is not False):
        doc = record.set_infant(doc, "mobile", False)
        messages.append(Message(say("noticed_not_mobile")))
    if step.kind in ("danger", "infant"):
        doc, taken = _infant_in_passing(step, said.facts, doc)
        if taken:
            messages.append(Message(say("noticed_infant", recorded="; ".join(taken))))
    if step.kind not in ("carers", "offer") and doc["carers"]:
        doc, added = _accounts_in_passing(step, said.facts, doc, vocab)
        messages += added
    injury = record.entry(doc, "infant.injury_or_bruise") or {}
    if ("injury_or_bruise" in said.noticed and step.path != "infant.injury_or_bruise"
            and injury.get("status") != "present"):
        doc = record.notice_injury(doc, interpret.source(said.reading, vocab,
                                                         record.household(doc)))
        messages.append(Message(say("noticed_injury")))
    if ("immediate_danger" in said.noticed and step.kind != "danger"
            and not doc["judgement"].get("immediate_danger")):
        doc = record.set_danger(doc, True)
        messages.append(Message(say("noticed_danger")))
    return doc, tuple(messages)


READERS = {"danger": _danger, "infant": _infant, "factor": _factor, "group": _group,
           "source": _source,
           "field": _field, "carers": _carers, "contact": _contact,
           "sole_carer": _sole_carer,
           "wider_family": _wider_family, "level": _level, "offer": _offer}
