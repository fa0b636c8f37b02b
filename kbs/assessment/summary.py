"""What the assistant says when a red flag is raised, and when an assessment is finished.

The finished summary fits one screen: the level with its name, the red flags, the first
three things to do, what is not known (how many, and the first few), and a link to the full
profile page; every name is the catalogues' plain label, never an id.
"""

from __future__ import annotations

import re
from typing import Any

from kbs.assessment.answering import crisis_messages
from kbs.assessment.steps import about
from kbs.assessment.vocabulary import say
from kbs.chat import Message
from kbs.engine import Comparison, Profile, load_catalogue, load_routes
from kbs.engine.rules import load_rules

FIRST_ROUTES = 3
FIRST_UNKNOWN = 4
PROFILE_PAGE = "/profiles/{id}"  # web_widget/records.py: profile
# A factor path in the engine's reasons: "(infant.under_six_months)", "carers.mother.x".
PATH = re.compile(r"\s*\(?\b((?:infant|household|care|information)\.[a-z_]+|"
                  r"carers\.[a-z_0-9]+\.[a-z_]+)\)?")


def red_flag_messages(flags: tuple[str, ...], profile: Profile,
                      doc: dict[str, Any] | None = None) -> list[Message]:
    """Each new red flag with its routes, stated plainly, before the assessment carries on."""
    rules, routes = load_rules(), load_routes()
    messages = []
    for flag in flags:
        lines = [say("red_flag", description=rules.red_flags[flag].description),
                 say("red_flag_why", reason=plain(profile.reasons[f"red_flags.{flag}"], doc)),
                 say("red_flag_act")]
        for route_id in rules.red_flags[flag].routes:
            route = routes.routes[route_id]
            lines.append(say("red_flag_route", name=route.name, description=route.description,
                             contact=route.contact))
        messages.append(Message("\n".join(lines)))
    messages.append(Message(say("carries_on")))
    return messages


def finished_messages(reference: str, version: int, profile: Profile,
                      comparison: Comparison | None, previous_version: int | None,
                      profile_id: int | None = None,
                      doc: dict[str, Any] | None = None) -> list[Message]:
    """The one-screen summary, the crisis contacts for present factors, and the link."""
    rules, routes = load_rules(), load_routes()
    lines = [say("finished", reference=reference, version=version),
             say("summary_level", level=profile.level, name=profile.level_name.replace("_", " "),
                 completeness=say("summary_complete" if profile.complete
                                  else "summary_incomplete"))]
    flags = [rules.red_flags[f].label for f in profile.red_flags]
    lines.append(say("summary_flags", flags="; ".join(flags)) if flags
                 else say("summary_no_flags"))
    first = [routes.routes[r].name for r in profile.routes if r in routes.routes][:FIRST_ROUTES]
    if first:
        lines.append(say("summary_routes", routes="; ".join(first)))
    unknown = [label(path, doc) for path in profile.unknown_factors]
    if unknown:
        shown = "; ".join(unknown[:FIRST_UNKNOWN])
        if len(unknown) > FIRST_UNKNOWN:
            shown = say("summary_unknown_more", first=shown, more=len(unknown) - FIRST_UNKNOWN)
        lines.append(say("summary_unknown", count=len(unknown), first=shown))
    else:
        lines.append(say("summary_all_known"))
    if comparison is not None and previous_version is not None:
        lines.append(say("summary_changed", version=previous_version))
    if profile_id is not None:
        lines.append(say("summary_link", url=PROFILE_PAGE.format(id=profile_id)))
    catalogue = load_catalogue()
    return [Message("\n".join(lines)),
            *crisis_messages([catalogue.for_path(path) for path in profile.open_factors])]


def label(path: str, doc: dict[str, Any] | None) -> str:
    """A factor path as the practitioner reads it: "Alcohol or drug use (the mother)"."""
    factor = load_catalogue().for_path(path)
    parts = path.split(".")
    if parts[0] == "carers" and doc is not None:
        return about(factor.label, doc, parts[1])
    if parts[0] == "carers":
        return f"{factor.label} ({parts[1].replace('_', ' ')})"
    return factor.label


def plain(text: str, doc: dict[str, Any] | None) -> str:
    """The engine's reason with each factor path in it given as its label."""
    def named(match: re.Match) -> str:
        try:
            return f" ({label(match.group(1), doc)})"
        except KeyError:
            return match.group(0)
    return PATH.sub(named, text)
