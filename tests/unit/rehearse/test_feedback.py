"""Feedback at the end of a rehearsal: facts found and missed, moves, quoted moments, learning."""

from datetime import datetime

from kbs.rehearsal import engine
from kbs.rehearsal.feedback import build_feedback
from kbs.rehearsal.feedback_text import feedback_text
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import personas

STARTED = datetime(2026, 1, 5, 10, 0)


def play(persona, turns):
    state = engine.start(persona, 1, STARTED)
    for move_id, text in turns:
        state = engine.take_turn(state, persona, moves()[move_id] if move_id else None, text)
    return state


def test_feedback_names_what_was_uncovered_and_what_was_missed(persona):
    state = play(persona, [("open_question", "What are nights like?")])
    feedback = build_feedback(persona, moves(), state)
    assert [f["id"] for f in feedback["uncovered"]] == ["by_topic"]
    assert [(f["id"], f["tip"]) for f in feedback["missed"]] == [
        ("by_move", "Ask about the family."), ("by_both", "Ask how much.")]
    assert feedback["facts_total"] == 3


def test_feedback_counts_the_moves_in_catalogue_order_without_small_talk(persona):
    state = play(persona, [(None, "hello"), ("reflection", "a"), ("open_question", "b"),
                           ("open_question", "c")])
    assert build_feedback(persona, moves(), state)["moves"] == [
        {"move": "open_question", "label": "open question", "count": 2},
        {"move": "reflection", "label": "reflection", "count": 1}]


def test_moments_quote_the_practitioners_words_weakest_first_in_the_order_said(persona):
    state = play(persona, [
        ("closed_question", "Are the nights bad?"),  # uncovered a fact: worked
        ("closed_question", "Do you cope?"),  # got nowhere
        ("ask_wider_family", "Who helps you?"),  # near miss: openness 3 needed, was 2
        ("premature_reassurance", "I'm sure it's fine."),  # shut down
    ])
    moments = build_feedback(persona, moves(), state)["moments"]
    assert [m["quote"] for m in moments] == ["Do you cope?", "Who helps you?",
                                             "I'm sure it's fine."]
    closed, near_miss, reassurance = moments
    assert closed["comment"] == moves()["closed_question"].better
    assert near_miss["move"] == "asking about wider family and support"
    assert "Alex was close to telling you more" in near_miss["comment"]
    assert "Ask about the family." in near_miss["comment"]
    assert reassurance["comment"] == moves()["premature_reassurance"].better
    assert [m["turn"] for m in moments] == [2, 3, 4]


def test_what_worked_is_quoted_when_nothing_went_wrong(persona):
    state = play(persona, [("open_question", "How are the nights?")])
    [moment] = build_feedback(persona, moves(), state)["moments"]
    assert moment["comment"] == moves()["open_question"].worked


def test_feedback_carries_the_learning_point_and_the_openness(persona):
    state = play(persona, [("judgemental_remark", "That's irresponsible.")])
    feedback = build_feedback(persona, moves(), state)
    assert feedback["learning_point"] == {"sections": "5.8", "text": "Do not accept the script."}
    assert feedback["openness"] == {"start": 2, "end": 0}
    assert feedback["good_conversation"] == ["Finds out about the family."]


def test_the_feedback_text_says_it_all_in_plain_words(persona):
    state = play(persona, [("open_question", "What are nights like?"),
                           ("premature_reassurance", "Don't worry.")])
    text = feedback_text(build_feedback(persona, moves(), state))
    for expected in ["You uncovered 1 of 3 hidden facts.", "Found by mentioning the night.",
                     "What you missed", "Found by asking about family. Ask about the family.",
                     "Your moves: open question x1, premature reassurance x1.",
                     'You said: "Don\'t worry." (premature reassurance).',
                     "Alex started wary and ended guarded.",
                     "Learning point (review LDS19/OD20, 5.8): Do not accept the script."]:
        assert expected in text
    assert "<" not in text and "**" not in text


def test_finishing_at_once_says_so_and_misses_everything(persona):
    feedback = build_feedback(persona, moves(), play(persona, []))
    assert feedback["moments"] == [] and len(feedback["missed"]) == 3
    assert "You finished before making any moves." in feedback_text(feedback)


def test_a_fact_the_practitioner_raised_herself_is_covered_not_missed(persona):
    state = play(persona, [("closed_question", "Does your sister worry about you?"),
                           ("open_question", "What are nights like?")])
    feedback = build_feedback(persona, moves(), state)
    assert [f["id"] for f in feedback["uncovered"]] == ["by_topic"]
    assert feedback["raised"] == [{"id": "by_move", "summary": "Found by asking about family.",
                                   "tip": "Ask about the family."}]
    assert [f["id"] for f in feedback["missed"]] == ["by_both"]
    text = feedback_text(feedback)
    assert "You uncovered 1 of 3 hidden facts. You raised 1 more yourself, so you covered " \
        "2 of 3." in text
    assert "What you raised yourself, though Alex did not tell you about it, and what might " \
        "have drawn it out:\n- Found by asking about family. Ask about the family." in text
    missed = text[text.index("What you missed"):]
    assert "Found by asking about family." not in missed


def test_a_fact_raised_and_then_told_is_uncovered_once(persona):
    state = play(persona, [("closed_question", "Does your sister worry about you?"),
                           ("reflection", "It sounds hard"),
                           ("ask_wider_family", "Who in the family helps?")])
    feedback = build_feedback(persona, moves(), state)
    assert [f["id"] for f in feedback["uncovered"]] == ["by_move"]
    assert feedback["raised"] == []
    assert "You raised" not in feedback_text(feedback)


def test_feedback_on_a_transcript_from_before_raised_facts_still_builds(persona):
    state = play(persona, [("closed_question", "Does your sister worry about you?")])
    for line in state["transcript"]:
        line.pop("raised", None)
    feedback = build_feedback(persona, moves(), state)
    assert feedback["raised"] == [] and len(feedback["missed"]) == 3


def test_the_father_who_hears_the_crying_raised_is_not_told_he_missed_it():
    father = personas()["father_not_engaging"]
    said = "I've heard he cries a lot at night. How do you cope when he won't stop crying?"
    state = play(father, [("open_question", said)])
    assert state["uncovered"] == []  # Dean is not open enough to tell either yet
    feedback = build_feedback(father, moves(), state)
    assert [f["id"] for f in feedback["raised"]] == ["nights_alone", "crying_temper"]
    assert [f["id"] for f in feedback["missed"]] == ["brother_stays", "own_history"]


def test_the_parents_drinking_raised_at_the_party_is_covered_not_missed():
    parents = personas()["family_celebration"]
    state = play(parents, [("open_question", "How do you think the drinking will go at the "
                                             "party, for you and your partner?")])
    feedback = build_feedback(parents, moves(), state)
    assert "drinking" not in state["uncovered"]
    assert [f["id"] for f in feedback["raised"]] == ["drinking"]
    assert "drinking" not in [f["id"] for f in feedback["missed"]]
