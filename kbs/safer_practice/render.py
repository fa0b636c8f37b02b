"""A plan as Markdown: shown in the chat, printed, and listed by ``kbs plan show``.

Its title and sections are headings and its sources links labelled with their titles
(``[title](url)``): the chat widget and the plan page both show them as such."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kbs.chat import link

BLANK = "_" * 30


def render_markdown(plan: Mapping[str, Any], *, practitioner: bool = True) -> str:
    """The plan's text with numbered source references; ``practitioner=False`` is the copy
    handed to the family: only the items marked for the family, in sections for the family
    (never what one carer said about another, the bruising protocol or the practitioner's
    notes; see plans.py). An item not marked at all is left out of the family's copy."""
    numbers = {source["id"]: n for n, source in enumerate(plan["sources"], start=1)}
    lines = [f"# {plan['title']}", "", _dated(plan), "", plan["intro"]]
    for section in (*plan["urgent"], *plan["sections"]):
        items = section["items"] if practitioner else family_items(section)
        if items:
            lines += ["", f"## {section['heading']}", ""]
            lines += [line for item in items for line in _item(item, numbers, plan["labels"])]
    lines += ["", f"## {plan['labels']['sources']}", ""]
    lines += [f"{n}. {link(s['title'], s['url'])}" for n, s in enumerate(plan["sources"], start=1)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def family_copy(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The plan as data with only what may be handed to the family (``render_markdown``'s
    ``practitioner=False``): sections with nothing for the family are left out."""
    def kept(sections):
        return [{**s, "items": family_items(s)} for s in sections if family_items(s)]
    return {**plan, "urgent": kept(plan["urgent"]), "sections": kept(plan["sections"])}


def family_items(section: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The items of a section that may be handed to the family."""
    if section.get("audience") != "family":
        return []
    return [item for item in section["items"] if item.get("for_family") is True]


def _dated(plan: Mapping[str, Any]) -> str:
    written = date.fromisoformat(plan["date"]).strftime("%-d %B %Y")
    case = plan.get("case_reference")
    label = plan["labels"]["written_for_case" if case else "written"]
    return label.format(case=case, date=written)


def _item(item: Mapping[str, Any], numbers: Mapping[str, int],
          labels: Mapping[str, str]) -> list[str]:
    cites = _cites(item.get("sources", ()), numbers)
    if "form" in item:
        return ["", f"**{item['form']}**", "", *[f"- {line} {BLANK}" for line in item["lines"]],
                ""]
    if "name" in item:
        return ["", f"**{item['name']}**", "", f"{labels['why']}: {item['why']}", "",
                f"{labels['instead']}: {item['instead']}{cites}", ""]
    return [f"- {item['text']}{cites}"]


def _cites(sources, numbers: Mapping[str, int]) -> str:
    return f" [{', '.join(str(numbers[s]) for s in sources)}]" if sources else ""
