"""Wider-family steps: who (unseen carers, named family), what to ask, and if contact is refused."""

from __future__ import annotations

from kbs.engine.answers import Answers, Carer, FactorAnswer, Relative
from kbs.engine.findings import Findings, is_uncorroborated
from kbs.engine.suggestions import WiderFamilyWording, load_suggestions

HANDLING_FACTORS = ("icon_not_discussed", "no_crying_plan")


def wider_family_steps(answers: Answers, findings: Findings) -> list[str]:
    """One step per person: each carer not yet seen or engaged, then each relative not yet met."""
    wording = load_suggestions().wider_family
    steps = [_carer_step(carer, findings, wording) for carer in answers.carers]
    topics = _relative_topics(findings, wording)
    steps += [_relative_step(relative, topics, wording) for relative in answers.wider_family
              if relative.contact != "made"]
    engaged = answers.entry("information.wider_family_not_engaged").absent
    if not answers.wider_family and not engaged:
        steps.append(f"{wording.who['unnamed']}: {wording.ask_unnamed}: {'; '.join(topics)}. "
                     f"{wording.if_refused}")
    return [step for step in steps if step]


def _carer_step(carer: Carer, findings: Findings, wording: WiderFamilyWording) -> str:
    if carer.entry("unknown_to_practitioners").present:
        kind = "unseen_carer"
    elif carer.entry("unknown_to_practitioners").unknown:
        kind = "unconfirmed_carer"
    elif carer.entry("non_engagement").present:
        kind = "non_engaging_carer"
    else:
        return ""
    who = wording.who[kind].format(who=_capitalised(carer.name))
    topics = [wording.ask["care"], wording.ask["stress"]]
    topics += [a.factor.label.lower() for a in _open_for_corroboration(findings)
               if a.carer is carer]
    if any(not carer.entry(factor).absent for factor in HANDLING_FACTORS):
        topics.append(wording.ask["handling"])
    return f"{who}: {wording.see_in_person}: {'; '.join(topics)}. {wording.if_refused}"


def _relative_topics(findings: Findings, wording: WiderFamilyWording) -> list[str]:
    topics = [wording.ask["care"], wording.ask["stress"]]
    return topics + [wording.ask[a.factor.id].format(carer=a.carer.name)
                     for a in _open_for_corroboration(findings) if a.carer]


def _relative_step(relative: Relative, topics: list[str], wording: WiderFamilyWording) -> str:
    who = _capitalised(relative.relation) + (f" ({relative.note})" if relative.note else "")
    refused = f" {wording.refused_already}" if relative.contact == "refused" else ""
    return (f"{wording.who['relative'].format(who=who)}: {wording.ask_relative}: "
            f"{'; '.join(topics)}.{refused} {wording.if_refused}")


def _open_for_corroboration(findings: Findings) -> list[FactorAnswer]:
    """Carer factors the wider family may know about: present, unknown or uncorroborated."""
    return [a for a in findings.answers if a.factor.has("needs_corroboration")
            and (not a.entry.absent or is_uncorroborated(a))]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
