"""What the assistant says when a red flag is raised, and when an assessment is finished."""

from __future__ import annotations

from kbs.assessment.messages import Message
from kbs.engine import Comparison, Profile, load_routes, render_comparison, render_profile
from kbs.engine.rules import load_rules


def red_flag_messages(flags: tuple[str, ...], profile: Profile) -> list[Message]:
    """Each new red flag with its routes, stated plainly, before the assessment carries on."""
    rules, routes = load_rules(), load_routes()
    messages = []
    for flag in flags:
        lines = [f"RED FLAG: {rules.red_flags[flag].description}.",
                 f"Why: {profile.reasons[f'red_flags.{flag}']}.", "Act on this now:"]
        for route_id in rules.red_flags[flag].routes:
            route = routes.routes[route_id]
            lines.append(f"- {route.name}: {route.description} Contact: {route.contact}")
        messages.append(Message("\n".join(lines)))
    messages.append(Message("The profile carries on below; everything so far is saved. "
                            'Say "stop for now" at any time.'))
    return messages


def finished_messages(reference: str, version: int, profile: Profile,
                      comparison: Comparison | None, previous_version: int | None) -> list[Message]:
    """The report section by section (level and red flags first), then what changed."""
    messages = [Message(f"That is every question. The profile for {reference} (version "
                        f"{version}) is saved. It supports your judgement and does not replace "
                        "your safeguarding procedures.")]
    routes = load_routes()
    # The report's last section names the routes file; the chat names only the partnership.
    *sections, _ = render_profile(profile, routes, width=None).strip().split("\n\n")
    sections.append(f"Routes and contacts: {routes.partnership}")
    messages += [Message(section) for section in sections]
    if comparison is not None:
        changes = render_comparison(comparison, width=None).strip().split("\n\n")
        changes[0] = f"What changed since version {previous_version}:\n{changes[0]}"
        messages += [Message(section) for section in changes]
    return messages
