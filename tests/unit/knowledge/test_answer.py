import pytest

from kbs.knowledge.answer import SUGGESTIONS, Confidence, KnowledgeBase
from kbs.knowledge.evaluation import read_unanswerable
from kbs.knowledge.live_case import PAEDIATRIC
from kbs.knowledge.render import format_reply, reply_to_dict
from kbs.knowledge.terms import lemma_analyser, load_synonyms
from kbs.nlp.pipeline import load_pipeline

ISSUE_QUESTIONS = {
    "can a baby sleep on the sofa if I stay awake?": "sleep_sofa_armchair",
    "what do I do about a bruise on a 10-week-old?": "bruising_non_mobile",
    "when is domestic abuse high risk?": "dash_risk_checklist",
    "what does the review say about invisible fathers?": "unseen_men",
}


@pytest.mark.parametrize(("question", "card_id"), ISSUE_QUESTIONS.items())
def test_the_issue_questions_get_their_card_with_sources(kb, question, card_id):
    reply = kb.ask(question)
    assert reply.knows and reply.card.id == card_id
    text = format_reply(reply)
    assert "Sources:" in text
    assert all(source.title in text for source in reply.card.sources)
    # A source with an address is a link labelled with its title, which the chat shows as
    # one (issue 21); a source with only a reference names it.
    for source in reply.card.sources:
        cited = f"[{source.title}]({source.url})" if source.url else \
            f"{source.title}, {source.reference}"
        assert f"- {cited}" in text.splitlines(), cited


def test_the_sofa_answer_says_no(kb):
    reply = kb.ask("can a baby sleep on the sofa if I stay awake?")
    assert format_reply(reply).splitlines()[2].startswith("No, never")


@pytest.mark.parametrize("question", read_unanswerable())
def test_unanswerable_questions_get_dont_know_with_two_or_three_suggestions(kb, question):
    reply = kb.ask(question)
    assert not reply.knows
    assert 2 <= len(reply.suggestions) <= SUGGESTIONS
    text = format_reply(reply)
    assert text.startswith("I don't know")
    assert all(card.title in text for card in reply.suggestions)
    assert "Sources:" not in text  # nothing is asserted as an answer


def test_a_question_sharing_no_word_with_any_card_still_gets_suggestions(kb):
    reply = kb.ask("xylophone quantum")
    assert not reply.knows
    assert len(reply.suggestions) == SUGGESTIONS


def test_a_live_case_gets_the_routes_and_the_assessment_before_anything_else(kb):
    reply = kb.ask("there's a bruise on the baby I'm visiting")
    assert reply.live_case and PAEDIATRIC in reply.live_case.routes
    text = format_reply(reply)
    assert text.splitlines()[1] == "- If the baby is in danger now, call 999."
    assert '"assess"' in text
    assert "bruising_non_mobile" in {card.id for card in (reply.card, *reply.suggestions) if card}


def test_the_json_reply_carries_card_sources_and_routes(kb):
    data = reply_to_dict(kb.ask("I'm worried about a baby now"))
    assert data["live_case"]["routes"][0] == "emergency_999"
    assert data["knows"] is False and data["card"] is None
    data = reply_to_dict(kb.ask("when is domestic abuse high risk?"))
    assert data["card"]["id"] == "dash_risk_checklist"
    assert data["card"]["sources"] and all("title" in s for s in data["card"]["sources"])


def test_confidence_threshold_decides_between_answer_and_dont_know(kb):
    analyse = lemma_analyser(load_pipeline(), load_synonyms())
    strict = KnowledgeBase(kb.cards, analyse, Confidence(coverage=1.01))
    reply = strict.ask("when is domestic abuse high risk?")
    assert not reply.knows
    assert reply.suggestions[0].id == "dash_risk_checklist"


def test_card_lookup_by_id(kb):
    assert kb.card("marac_referral").title.startswith("What is MARAC")
    with pytest.raises(KeyError):
        kb.card("no_such_card")
