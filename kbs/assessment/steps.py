"""Which questions an assessment asks, in order, worked out afresh from the answers so far.

The baby (after "is the baby in danger now?"), the household, who the carers are, each
carer, care, information, wider family and the practitioner's judgement. Questions that
cannot apply are left out: a factor's follow-ups (how do you know? DASH, pattern of use)
only when its answer calls for them; prematurity and low birth weight only when the
gestation or birth weight question has not been asked (never the same thing twice); a
factor that already has an answer (given in passing, or closed by "her first baby") is
not asked again. Once the adults are named, each is asked about contact where
kbs/catalogues/depth.yml says so (who lives with the baby and who visits is known before
anyone's account is weighed), and then each in turn about the carer factors that matter for
that contact (``depth``): the rest stay not known, never excluded; "ever alone with the
baby?" follows a chaotic pattern of substance use. Factors the file groups are first asked
together as one list ("do any of these apply?"); those a list leaves unanswered are then
asked one by one.
Because the plan depends only on the saved answers, an assessment resumed in a new
conversation carries on from the first question not yet answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kbs.assessment import depth, record
from kbs.assessment.vocabulary import button, load_vocabulary, say
from kbs.chat import Button
from kbs.engine import load_catalogue
from kbs.engine.answers import Carer
from kbs.engine.catalogue import Factor

INFANT_ORDER = ("age_weeks", "mobile", "gestation_weeks", "birth_weight_kg")
NEEDS_SOURCE = ("present", "absent")
# A follow-up that cannot apply given another answer about the same factor.
SKIP_FIELD_WHEN = {("domestic_abuse", "dash_yes"): ("dash", "high"),
                   ("unsafe_sleep", "never"): ("shares_sleep_surface", False)}


@dataclass(frozen=True)
class Step:
    id: str
    kind: str  # reference danger infant factor group source field carers contact
    #            sole_carer wider_family level offer
    section: str
    question: str
    rationale: str
    buttons: tuple[Button, ...] = ()
    answered: bool = False
    factor: Factor | None = None
    role: str | None = None
    name: str = ""  # the infant-block answer or the factor's field
    members: tuple[str, ...] = ()  # a group: the paths of the factors it lists

    @property
    def path(self) -> str:
        return self.factor.path(self.role) if self.factor else ""


def plan(doc: dict[str, Any]) -> list[Step]:
    """Every question that applies to these answers, in the order they are asked."""
    catalogue = load_catalogue()
    danger = catalogue.judgement["immediate_danger"]
    steps = [Step("judgement.immediate_danger", "danger", _section("infant"), danger.question,
                  danger.rationale, (button("in_danger"), button("no")),
                  "immediate_danger" in doc["judgement"])]
    steps += [_infant(doc, name) for name in INFANT_ORDER]
    steps += _once_per_baby(doc, ("infant", "household"))
    steps.append(_carers(doc))
    roles = record.roles(doc)
    steps += [_contact(doc, role) for role in roles if depth.contact_asked(role)]
    for role in roles:
        for factor in depth.carer_factors(doc, role):
            steps += _factor_steps(doc, factor, role)
    steps += _once_per_baby(doc, ("care", "information"))
    steps += [_wider_family(doc), _level(doc)]
    return steps


def _once_per_baby(doc: dict[str, Any], domains: tuple[str, ...]) -> list[Step]:
    """The factors of these domains, each group's list before its first factor."""
    steps, grouped = [], set()
    for factor in load_catalogue().household_factors():
        if factor.domain not in domains:
            continue
        group = depth.group_of(factor.path())
        if group is not None and group.name not in grouped:
            grouped.add(group.name)
            steps.append(_group(doc, group))
        steps += _factor_steps(doc, factor)
    return steps


def _group(doc: dict[str, Any], group: depth.Group) -> Step:
    """"Do any of these apply?" with the group's factors not yet answered; answered (not
    asked) when fewer than two are left, which are then asked on their own. Asked again
    once answered ("go back"), it lists them all, and the answer replaces theirs."""
    members = tuple(path for path in group.items if not answered(doc, path))
    done = len(members) < 2
    if done:
        members = tuple(group.items)
    catalogue = load_catalogue()
    first = catalogue.for_path(next(iter(group.items)))
    question = "\n".join((group.ask, *(f"- {group.items[path]}" for path in members),
                           depth.load_depth().groups_tail))
    return Step(f"group:{group.name}", "group", _section(first.domain), question, group.why,
                (button("none_of_these"), button("dont_know"), button("why")),
                done, members=members)


def answered(doc: dict[str, Any], path: str) -> bool:
    """Whether a factor has an answer (an injury only mentioned in passing has not)."""
    answer = record.entry(doc, path)
    return bool(answer) and not record.has_note(answer, record.NOTICED)


def next_step(doc: dict[str, Any], asked: tuple[str, ...] = ()) -> Step | None:
    """The first question not yet answered, nor asked already in this conversation."""
    return next((s for s in plan(doc) if not s.answered and s.id not in asked), None)


def step_for(doc: dict[str, Any], step_id: str) -> Step | None:
    if step_id == "reference":
        return reference_step()
    if step_id.startswith("offer:"):
        return offer_step(step_id.removeprefix("offer:").split(","))
    return next((s for s in plan(doc) if s.id == step_id), None)


def reference_step() -> Step:
    prompt = load_vocabulary().prompts["reference"]
    return Step("reference", "reference", "", prompt.question, prompt.rationale)


def offer_step(relations: list[str]) -> Step:
    """A carer not yet recorded, noticed in an answer (for example a new partner)."""
    prompt = load_vocabulary().prompts["offer"]
    who = " and ".join(say("the_relation", relation=relation) for relation in relations)
    return Step(f"offer:{','.join(relations)}", "offer", _section("carers"),
                prompt.question.format(who=who), prompt.rationale,
                (button("add_carer"), button("no")))


def carer_name(doc: dict[str, Any], role: str) -> str:
    """How the dialogue names a carer: "the mother", "the grandmother (other adult)"."""
    return Carer(role, {}, relation=doc["carers"].get(role, {}).get("relation", "")).name


def about(label: str, doc: dict[str, Any], role: str | None) -> str:
    """A factor's label, with the carer it is about: "Alcohol or drug use (the mother)"."""
    return say("about_carer", about=label, carer=carer_name(doc, role)) if role else label


def yes_no_buttons() -> tuple[Button, ...]:
    return button("yes"), button("no"), button("dont_know")


def _infant(doc: dict[str, Any], name: str) -> Step:
    question = load_catalogue().infant_block[name]
    buttons = ((button("mobile"), button("not_yet_mobile"), button("dont_know"))
               if name == "mobile" else (button("dont_know"),))
    return Step(f"infant.{name}", "infant", _section("infant"), question.question,
                question.rationale, buttons, name in doc["infant"], name=name)


def _carers(doc: dict[str, Any]) -> Step:
    prompt = load_vocabulary().prompts["carers"]
    return Step("carers", "carers", _section("carers"), prompt.question, prompt.rationale,
                (button("dont_know"),), bool(doc["carers"]))


def _sole_carer(doc: dict[str, Any], role: str) -> Step:
    question = load_catalogue().carer_details["sole_carer"]
    who = carer_name(doc, role)
    return Step(f"carers.{role}.sole_carer", "sole_carer", _capital(who),
                f"{_capital(who)}: {question.question}", question.rationale, yes_no_buttons(),
                "sole_carer" in doc["carers"][role], role=role)


def _contact(doc: dict[str, Any], role: str) -> Step:
    question = load_catalogue().carer_details["contact"]
    who = _capital(carer_name(doc, role))
    buttons = tuple(Button(title, title.lower())
                    for title in depth.load_depth().contact_buttons.values())
    return Step(f"carers.{role}.contact", "contact", who, f"{who}: {question.question}",
                question.rationale, (*buttons, button("dont_know")),
                "contact" in doc["carers"][role], role=role)


def _wider_family(doc: dict[str, Any]) -> Step:
    prompt = load_vocabulary().prompts["wider_family"]
    return Step("wider_family", "wider_family", _section("information"), prompt.question,
                prompt.rationale, (button("no_one"), button("dont_know")),
                "wider_family" in doc)


def _level(doc: dict[str, Any]) -> Step:
    question = load_catalogue().judgement["level"]
    return Step("judgement.level", "level", _section("judgement"), question.question,
                question.rationale, (button("level_stands"), button("dont_know")),
                "level" in doc["judgement"])


def _factor_steps(doc: dict[str, Any], factor: Factor, role: str | None = None) -> list[Step]:
    # Set by the baby's block when given; once its question is asked (even "don't know")
    # the same thing is not asked again in other words.
    if factor.derived and (not factor.derived.threshold or factor.derived.source in doc["infant"]):
        return []
    path = factor.path(role)
    answer = record.entry(doc, path) or {}
    section = _capital(carer_name(doc, role)) if role else _section(factor.domain)
    label = about(factor.label, doc, role)
    options = factor.options
    steps = [Step(path, "factor", section,
                  f"{section}: {factor.question}" if role else factor.question, factor.rationale,
                  (button("factor_yes", option=options["present"]),
                   button("factor_no", option=options["absent"]), button("dont_know"),
                   button("why")),
                  answered(doc, path), factor, role)]
    if record.needs_source(factor) and (answer.get("status") in NEEDS_SOURCE
                                              or record.has_note(answer, record.PENDING_SOURCE)):
        prompt = load_vocabulary().prompts["source"]
        steps.append(Step(f"{path}.source", "source", section, f"{label}: {prompt.question}",
                          f"{prompt.rationale} {factor.corroborate}",
                          (button("seen_myself"), button("carers_account"),
                           button("another_agency"), button("wider_family"),
                           button("dont_know")),
                          bool(answer.get("source")), factor, role))
    if answer.get("status") == "present":
        for name in factor.fields or {}:
            if not _skipped(factor, name, answer):
                steps.append(_field(factor, role, name, answer, section, label))
            if role and name == depth.load_depth().sole_carer_after.field and (
                    depth.sole_carer_asked(factor.id, answer)):
                steps.append(_sole_carer(doc, role))
    return steps


def _field(factor: Factor, role: str | None, name: str, answer: dict[str, Any], section: str,
           label: str) -> Step:
    field = factor.fields[name]
    if field.type == "boolean":
        buttons = yes_no_buttons()
    elif field.type == "choice":
        buttons = (*(Button(str(v).capitalize(), str(v)) for v in field.values),
                   button("dont_know"))
    else:
        buttons = ((button("none_of_these"),) if field.type == "choices" else ()) + (
            button("dont_know"),)
    return Step(f"{factor.path(role)}.{name}", "field", section, f"{label}: {field.question}",
                factor.rationale, buttons, name in answer, factor, role, name)


def _skipped(factor: Factor, name: str, answer: dict[str, Any]) -> bool:
    other = SKIP_FIELD_WHEN.get((factor.id, name))
    return other is not None and answer.get(other[0]) == other[1]


def _section(name: str) -> str:
    return load_vocabulary().sections[name]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
