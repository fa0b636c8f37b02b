"""A reply as plain text (the CLI, a chat message) or as a JSON-ready dict."""

from __future__ import annotations

from dataclasses import asdict

from kbs.knowledge.answer import Reply
from kbs.knowledge.cards import Card
from kbs.knowledge.live_case import (
    EMERGENCY,
    PAEDIATRIC,
    SAFEGUARDING_LEAD,
    SOCIAL_CARE,
    LiveCase,
)

# Generic wording; a deployment shows its own route names and contacts from the routes config.
ROUTE_ADVICE = {
    EMERGENCY: "If the baby is in danger now, call 999.",
    PAEDIATRIC: ("A bruise or injury on a baby who is not yet mobile needs an urgent paediatric "
                 "assessment and a referral to children's social care, whatever the explanation."),
    SOCIAL_CARE: ("If you think the baby may be at risk of harm, contact the children's social "
                  "care front door today."),
    SAFEGUARDING_LEAD: "Tell your safeguarding lead (named or designated professional).",
}
ASSESS_POINTER = 'To work through the risks for this baby, say "assess" from the menu.'
DONT_KNOW = ("I don't know: none of the Keeping Babies Safe cards answers that, and I won't "
             "guess.")
ASK_A_PERSON = ("Your Keeping Babies Safe champion or safeguarding lead can help with questions "
                "the cards do not cover.")


def format_reply(reply: Reply) -> str:
    if reply.card:
        body = format_card(reply.card)
    elif reply.live_case:  # the routes are the answer; "I don't know" would read as a shrug
        body = format_suggestions(reply.suggestions)
    else:
        body = "\n".join([DONT_KNOW, format_suggestions(reply.suggestions), ASK_A_PERSON])
    return "\n\n".join([format_live_case(reply.live_case), body] if reply.live_case else [body])


def format_live_case(live_case: LiveCase) -> str:
    lines = ["This sounds like a worry about a baby you are working with now."]
    lines += [f"- {ROUTE_ADVICE[route]}" for route in live_case.routes]
    lines.append(f"- {ASSESS_POINTER}")
    return "\n".join(lines)


def format_card(card: Card) -> str:
    lines = [card.title, "", card.answer, "", "What to do next:"]
    lines += [f"- {step}" for step in card.next_steps]
    lines += ["", "Sources:"]
    lines += [f"- {source.cite()}" for source in card.sources]
    return "\n".join(lines)


def format_suggestions(suggestions: tuple[Card, ...]) -> str:
    return "\n".join(["Cards that may help:", *(f"- {card.title}" for card in suggestions)])


def reply_to_dict(reply: Reply) -> dict:
    return {
        "question": reply.question,
        "knows": reply.knows,
        "card": card_to_dict(reply.card) if reply.card else None,
        "suggestions": [{"id": card.id, "title": card.title} for card in reply.suggestions],
        "live_case": live_case_to_dict(reply.live_case) if reply.live_case else None,
        "coverage": None if reply.coverage is None else round(reply.coverage, 3),
        "text": format_reply(reply),
    }


def card_to_dict(card: Card) -> dict:
    return {
        "id": card.id,
        "title": card.title,
        "answer": card.answer,
        "next_steps": list(card.next_steps),
        "sources": [
            {key: value for key, value in asdict(source).items() if value is not None}
            for source in card.sources
        ],
    }


def live_case_to_dict(live_case: LiveCase) -> dict:
    return {
        "routes": list(live_case.routes),
        "advice": [ROUTE_ADVICE[route] for route in live_case.routes],
        "assess": ASSESS_POINTER,
        "injury": live_case.injury,
        "danger": live_case.danger,
    }
