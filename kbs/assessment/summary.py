"""What the assistant says when a red flag is raised, and when an assessment is finished."""

from __future__ import annotations

from kbs.assessment.answering import crisis_messages
from kbs.assessment.messages import Message
from kbs.assessment.vocabulary import say
from kbs.engine import (
    Comparison,
    Profile,
    load_catalogue,
    load_routes,
    render_comparison,
    render_profile,
)
from kbs.engine.rules import load_rules


def red_flag_messages(flags: tuple[str, ...], profile: Profile) -> list[Message]:
    """Each new red flag with its routes, stated plainly, before the assessment carries on."""
    rules, routes = load_rules(), load_routes()
    messages = []
    for flag in flags:
        lines = [say("red_flag", description=rules.red_flags[flag].description),
                 say("red_flag_why", reason=profile.reasons[f"red_flags.{flag}"]),
                 say("red_flag_act")]
        for route_id in rules.red_flags[flag].routes:
            route = routes.routes[route_id]
            lines.append(say("red_flag_route", name=route.name, description=route.description,
                             contact=route.contact))
        messages.append(Message("\n".join(lines)))
    messages.append(Message(say("carries_on")))
    return messages


def finished_messages(reference: str, version: int, profile: Profile,
                      comparison: Comparison | None, previous_version: int | None) -> list[Message]:
    """The report section by section (level and red flags first), then what changed."""
    messages = [Message(say("finished", reference=reference, version=version))]
    routes = load_routes()
    # The report's last section names the routes file; the chat names only the partnership.
    *sections, _ = render_profile(profile, routes, width=None).strip().split("\n\n")
    messages += [Message(section) for section in sections]
    # What to do in a crisis, for each present factor that has an urgent contact.
    catalogue = load_catalogue()
    messages += crisis_messages([catalogue.for_path(path) for path in profile.open_factors])
    messages.append(Message(say("routes_and_contacts", partnership=routes.partnership)))
    if comparison is not None:
        changes = render_comparison(comparison, width=None).strip().split("\n\n")
        changes[0] = f"{say('changed_since', version=previous_version)}\n{changes[0]}"
        messages += [Message(section) for section in changes]
    return messages
