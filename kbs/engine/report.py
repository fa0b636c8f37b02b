"""The text a practitioner reads: red flags first, then routes with local contacts, then the rest.

It supports judgement and never reassures: even level 1 says only that no risk factors were
identified on the evidence recorded.
"""

from __future__ import annotations

import re
import textwrap

from kbs.engine.catalogue import load_catalogue
from kbs.engine.compare import Comparison
from kbs.engine.profile import Profile
from kbs.engine.routes_config import RoutesConfig
from kbs.engine.rules import load_rules

WIDTH = 100
BULLET = re.compile(r"  [-!] ")


def render_profile(profile: Profile, routes: RoutesConfig, width: int | None = WIDTH) -> str:
    """The report, wrapped at ``width`` columns (None: one line per item, as for a chat)."""
    sections = [
        _heading(profile),
        _red_flags(profile),
        _routes(profile, routes),
        _considered(profile, routes),
        _listed("Open factors (present)", profile.open_factors),
        _unknown(profile),
        _uncorroborated(profile),
        _possibly_external(profile),
        _hidden(profile),
        _listed("Stress points", profile.stress_points),
        _listed("The baby's vulnerabilities (they amplify other risks)", profile.vulnerabilities),
        _section("Wider family", profile.wider_family),
        _section("Review at each contact", profile.review_at_each_contact),
        _judgement(profile),
        _section("Why this level", profile.reasons["level"].split("; ")),
        f"Routes and contacts: {routes.partnership} ({routes.file})",
    ]
    return _fill("\n\n".join(section for section in sections if section), width) + "\n"


def render_comparison(comparison: Comparison, width: int | None = WIDTH) -> str:
    old_level, new_level = comparison.old_level, comparison.new_level
    names = load_rules().levels
    dates = ""
    if comparison.old_assessed_on or comparison.new_assessed_on:
        dates = f" ({comparison.old_assessed_on or 'undated'} to " \
                f"{comparison.new_assessed_on or 'undated'})"
    lines = [f"Re-assessment{dates}",
             f"Level {old_level} ({names[old_level].name}) -> level {new_level} "
             f"({names[new_level].name}): {comparison.level_change}"]
    groups = (
        ("Red flags new", comparison.red_flags_new),
        ("Red flags no longer raised", comparison.red_flags_resolved),
        ("New factors", comparison.new),
        ("Worse", comparison.worse),
        ("Resolved", comparison.resolved),
        ("Resolved on the carer's own account only: corroborate before relying on it",
         comparison.resolved_on_carer_account),
        ("No longer known (never counted as safe)", comparison.now_unknown),
    )
    sections = ["\n".join(lines)]
    sections += [_section(title, items) for title, items in groups[:2]]
    sections += [_section(title, [_label(path) for path in paths]) for title, paths in groups[2:]]
    if not any(items for _, items in groups[2:]):
        sections.append("No factor changed between the two versions.")
    return _fill("\n\n".join(section for section in sections if section), width) + "\n"


def _heading(profile: Profile) -> str:
    level = load_rules().levels[profile.level]
    dated = f" (assessed {profile.assessed_on})" if profile.assessed_on else ""
    lines = [f"Infant Care Profile{dated}",
             f"Level {profile.level}: {level.name} ({level.description})"]
    if not profile.complete:
        lines.append(f"INCOMPLETE: {len(profile.missing_key_factors)} key factor(s) not "
                     "yet known. This is an incomplete assessment, not a low-risk one.")
    return "\n".join(lines)


def _red_flags(profile: Profile) -> str:
    if not profile.red_flags:
        return ""
    rules = load_rules()
    items = [f"{flag}: {rules.red_flags[flag].description}. "
             f"Why: {profile.reasons[f'red_flags.{flag}']}" for flag in profile.red_flags]
    return _section("RED FLAGS: act on these first", items, bullet="!")


def _routes(profile: Profile, routes: RoutesConfig) -> str:
    items = [_route(route, routes, profile.reasons[f"routes.{route}"])
             for route in profile.routes]
    return _section("Routes", items)


def _considered(profile: Profile, routes: RoutesConfig) -> str:
    items = [_route(route, routes, profile.reasons[f"routes.{route}"])
             for route in profile.routes_to_consider]
    return _section("To consider, by professional judgement", items)


def _route(route_id: str, routes: RoutesConfig, why: str) -> str:
    route = routes.routes[route_id]
    return f"{route.name}: {route.description} Contact: {route.contact} Why: {why}"


def _label(path: str) -> str:
    return f"{load_catalogue().for_path(path).label} ({path})"


def _listed(title: str, paths: tuple[str, ...]) -> str:
    return _section(title, [_label(path) for path in paths])


def _unknown(profile: Profile) -> str:
    if not profile.unknown_factors:
        return ""
    key = [path for path in profile.missing_key_factors if path != "carers"]
    items = [f"Key: {_label(path)}" for path in key]
    if "carers" in profile.missing_key_factors:
        items.insert(0, "Key: no carer is recorded; record every adult who lives in or "
                        "regularly visits the household")
    others = len(profile.unknown_factors) - len(key)
    if others:
        items.append(f"and {others} other factor(s) not yet known")
    return _section("Not yet known (never counted as safe)", items)


def _uncorroborated(profile: Profile) -> str:
    items = [f"{_label(path)}: {profile.reasons[path]}" for path in profile.uncorroborated]
    return _section("Uncorroborated: excluded only on the carer's own account", items)


def _possibly_external(profile: Profile) -> str:
    items = [f"{_label(path)}: {load_catalogue().for_path(path).external_cause}"
             for path in profile.possibly_externally_caused]
    return _section("Possibly externally caused", items)


def _hidden(profile: Profile) -> str:
    return f"HIDDEN RISK: {profile.reasons['hidden_risk']}" if profile.hidden_risk else ""


def _judgement(profile: Profile) -> str:
    judgement = profile.judgement
    if judgement["level"] is None:
        return ""
    applied = "applied" if judgement["applied"] else (
        "recorded, not applied: judgement can raise a level, never lower it")
    return _section("Professional judgement",
                    [f"Level {judgement['level']} ({applied}): {judgement['note']}"])


def _section(title: str, items: tuple[str, ...] | list[str], bullet: str = "-") -> str:
    if not items:
        return ""
    return "\n".join([title, *(f"  {bullet} {item}" for item in items)])


def _fill(text: str, width: int | None) -> str:
    """Wrap each line; a bullet's continuation lines are indented under its text."""
    if width is None:
        return text
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent="    " if BULLET.match(line) else "")
        if line else line for line in text.split("\n"))
