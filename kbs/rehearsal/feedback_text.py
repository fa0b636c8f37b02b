"""The feedback of a rehearsal worded for the chat (plain text: the widget shows no markup)."""

from __future__ import annotations

from kbs.rehearsal import openness


def feedback_text(feedback: dict) -> str:
    name = feedback["name"]
    parts = [f"Feedback on your rehearsal with {name} ({feedback['title']}).",
             f"You uncovered {len(feedback['uncovered'])} of {feedback['facts_total']} "
             f"hidden facts."]
    if feedback["uncovered"]:
        parts.append(_bullets("What you found out:", [f["summary"] for f in feedback["uncovered"]]))
    if feedback["missed"]:
        parts.append(_bullets("What you missed, and what might have uncovered it:",
                              [f"{f['summary']} {f['tip']}" for f in feedback["missed"]]))
    parts.append(_moves(feedback["moves"]))
    start, end = feedback["openness"]["start"], feedback["openness"]["end"]
    parts.append(f"{name} started {openness.label(start)} and ended {openness.label(end)}.")
    if feedback["moments"]:
        parts.append(_bullets("Moments to look at:", [
            f"You said: \"{m['quote']}\" ({m['move']}). {m['comment']}"
            for m in feedback["moments"]]))
    parts.append(_bullets("What a good conversation achieves here:",
                          feedback["good_conversation"]))
    point = feedback["learning_point"]
    parts.append(f"Learning point (review LDS19/OD20, {point['sections']}): {point['text']}")
    return "\n\n".join(parts)


def _moves(moves: list[dict]) -> str:
    if not moves:
        return "You finished before making any moves."
    return "Your moves: " + ", ".join(f"{m['label']} x{m['count']}" for m in moves) + "."


def _bullets(heading: str, items: list[str]) -> str:
    return "\n".join([heading, *(f"- {item}" for item in items)])
