"""A rehearsal as a form in plain Python (kbs.rehearsal.conversation): which intent a turn
acts on, what each turn says and sets, and the wording file."""

import pytest

from kbs.catalogues import CatalogueError
from kbs.rehearsal import conversation
from kbs.rehearsal.conversation import rehearsal_intent
from kbs.rehearsal.feedback import build_feedback
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import personas
from kbs.rehearsal.wording import (
    FEEDBACK_PHRASES,
    MESSAGE_IDS,
    WORDING_FILE,
    read_rehearsal_wording,
    wording,
)


def message(text, intent, confidence=0.9, ranking=None):
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
            "entities": []}


def test_a_fallback_in_a_rehearsal_takes_the_best_ranked_move_however_low():
    ranking = [{"name": "nlu_fallback", "confidence": 0.5},
               {"name": "move_reflection", "confidence": 0.42},
               {"name": "greet", "confidence": 0.3}]
    assert rehearsal_intent(message("so it's hard", "nlu_fallback", 0.5, ranking)) == \
        "move_reflection"
    # Once, a move below 0.3 was rejected as unclear; the carer now answers its best reading.
    ranking[1]["confidence"] = 0.2
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "move_reflection"
    ranking[1:] = [{"name": "greet", "confidence": 0.45}]
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "nlu_fallback"


@pytest.mark.parametrize("ending", ["finish", "goodbye", "show_menu", "help", "greet"])
def test_when_the_nlu_is_unsure_only_a_move_is_taken_not_an_ending_help_or_small_talk(ending):
    ranking = [{"name": "nlu_fallback", "confidence": 0.3},
               {"name": ending, "confidence": 0.29},
               {"name": "move_premature_reassurance", "confidence": 0.04}]
    assert rehearsal_intent(message("hmm right", "nlu_fallback", 0.3, ranking)) == \
        "move_premature_reassurance"


def test_a_question_to_the_carer_read_as_a_look_up_takes_a_likely_move():
    ranking = [{"name": "faq", "confidence": 0.55},
               {"name": "move_open_question", "confidence": 0.35}]
    text = "what happens when the baby won't settle at night?"
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "move_open_question"
    ranking[0]["name"] = "live_concern"
    assert rehearsal_intent(message(text, "live_concern", 0.55, ranking)) == \
        "move_open_question"
    # Once, a move below 0.3 was rejected as unclear; the carer now answers its best reading.
    ranking[1]["confidence"] = 0.1
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "move_open_question"


@pytest.mark.parametrize("intent", ["out_of_scope", "answer", "start_assess", "describe_sleep"])
def test_any_intent_a_rehearsal_does_not_act_on_takes_the_best_ranked_move(intent):
    ranking = [{"name": intent, "confidence": 0.8},
               {"name": "move_ask_specifics", "confidence": 0.05},
               {"name": "move_reflection", "confidence": 0.07},
               {"name": "greet", "confidence": 0.06}]
    assert rehearsal_intent(message("how often, roughly?", intent, 0.8, ranking)) == \
        "move_reflection"
    assert rehearsal_intent(message("asdfgh", intent, 0.8, ranking[3:])) == "nlu_fallback"


def started():
    return conversation.take({"rehearsal_persona": "mother_drinking"},
                             message("/start_rehearse", "start_rehearse"),
                             "rehearsal_persona").slots


def unsure(text, *ranked):
    """A message the NLU fell back on, with the rest of its ranking: (intent, confidence)."""
    ranking = [{"name": "nlu_fallback", "confidence": 0.3},
               *({"name": name, "confidence": confidence} for name, confidence in ranked)]
    return message(text, "nlu_fallback", 0.3, ranking)


def said(slots, words):
    """The practitioner's words taken as a turn: the note said, if any, and the slots after."""
    turn = conversation.take(slots, words, "rehearsal_utterance")
    assert not turn.ends and not turn.rejected
    return turn.messages, {**slots, **turn.slots}


def carer_reply(slots):
    [line] = conversation.carer_speaks(slots).messages
    return line.text.removeprefix("Lauren: ")


def test_a_message_the_nlu_is_unsure_of_is_answered_in_character_and_counted_as_its_move():
    notes, slots = said(started(), unsure("hmm well sort of you know",
                                          ("move_affirm_strength", 0.19), ("answer", 0.08),
                                          ("move_reflection", 0.03)))
    assert notes == ()  # no "could not tell" note: the carer answers
    lauren = personas()["mother_drinking"]
    assert slots["rehearsal"]["transcript"][-2]["move"] == "affirm_strength"
    assert carer_reply(slots) in lauren.reactions["affirm_strength"]
    assert build_feedback(lauren, moves(), slots["rehearsal"])["moves"] == [
        {"move": "affirm_strength", "label": "affirming a strength", "count": 1}]


def test_the_carers_reply_follows_the_move_a_question_about_evenings_gets_the_evenings():
    lauren = personas()["mother_drinking"]
    notes, slots = said(started(), unsure("and the evenings, with him away all week?",
                                          ("faq", 0.22), ("move_open_question", 0.2),
                                          ("move_closed_question", 0.1)))
    assert notes == ()
    line = slots["rehearsal"]["transcript"][-2]
    assert (line["move"], line["revealed"]) == ("open_question", "stress_evenings")
    assert carer_reply(slots) in lauren.fact("stress_evenings").reveal


def test_premature_reassurance_the_nlu_is_unsure_of_is_counted_in_the_feedback(database_url):
    slots = started()
    for words, intent in [("I'm the health visitor, I see every family", "move_explain_role"),
                          ("It sounds like you're on your own a lot", "move_reflection"),
                          ("Is anyone in your family worried about you?",
                           "move_ask_wider_family")]:
        _, slots = said(slots, message(words, intent))
    assert slots["rehearsal"]["uncovered"] == ["sister_police"]
    openness = slots["rehearsal"]["openness"]
    reassurance = "Families can overreact, I'm sure it was nothing really."
    notes, slots = said(slots, unsure(reassurance, ("out_of_scope", 0.26),
                                      ("move_premature_reassurance", 0.21),
                                      ("move_reflection", 0.2)))
    assert notes == ()
    assert slots["rehearsal"]["openness"] == openness - 2
    assert carer_reply(slots) in personas()["mother_drinking"].reactions["premature_reassurance"]
    [feedback] = conversation.finish(slots, "sam").messages
    assert "premature reassurance x1" in feedback.text
    assert f'You said: "{reassurance}" (premature reassurance). ' \
        f'{moves()["premature_reassurance"].better}' in feedback.text


def test_choosing_a_persona_briefs_in_three_paragraphs_and_starts_the_engine():
    turn = conversation.take({"rehearsal_persona": "mother_drinking"},
                             message("/start_rehearse", "start_rehearse"), "rehearsal_persona")
    persona = personas()["mother_drinking"]
    [briefing] = turn.messages
    assert briefing.text.split("\n\n") == [
        f"Rehearsal: {persona.title}. I will play {persona.name}. {persona.who}",
        f"Before the visit: {persona.briefing}",
        f'Talk to {persona.name} as you would on the visit. Say "finish" at any time for '
        'feedback, or "help" for a reminder.']
    assert turn.slots["rehearsal_persona"] == "mother_drinking" and not turn.ends


def test_the_form_just_started_asks_for_the_persona_itself():
    turn = conversation.take({}, message("rehearse", "start_rehearse"), None)
    assert (turn.messages, turn.slots, turn.ends, turn.rejected) == ((), {}, False, False)


@pytest.mark.parametrize("intent", ["finish", "goodbye", "show_menu"])
def test_an_ending_intent_ends_the_form(intent):
    turn = conversation.take(started(), message("finish", intent), "rehearsal_utterance")
    assert turn.ends and turn.slots == {"rehearsal_utterance": "finish"}


def test_the_carer_speaks_with_the_finish_button():
    [line] = conversation.carer_speaks(started()).messages
    assert line.text.startswith("Lauren: ")
    assert [(b.title, b.payload) for b in line.buttons] == [("Finish and get feedback",
                                                             "/finish")]


def test_the_feedback_ends_with_whether_it_was_saved_and_two_buttons(database_url):
    turn = conversation.finish(started(), "sam")
    [feedback] = turn.messages
    assert feedback.text.endswith("so that you and your supervisor can see your progress "
                                  "over time.")
    assert [b.payload for b in feedback.buttons] == ["/start_rehearse", "/show_menu"]
    assert turn.slots == {"rehearsal": None, "rehearsal_persona": None,
                          "rehearsal_utterance": None}


def test_leaving_before_choosing_shows_the_menu():
    turn = conversation.finish({}, "sam")
    assert [m.response for m in turn.messages] == ["utter_menu"]


def test_every_message_of_the_wording_file_is_there_and_filled_in():
    messages = wording().messages
    assert set(messages) == set(MESSAGE_IDS)
    values = {"name": "Alex", "title": "A carer", "who": "Who.", "briefing": "A visit.",
              "persona": "nobody", "line": "Hello.", "feedback": "Feedback.", "saved": "Saved.",
              "reason": "It may be a name."}
    for message_id, message in messages.items():
        text = message.say(**values).text
        assert text and "{" not in text, message_id


def test_every_phrase_of_the_feedback_is_there_and_filled_in():
    words = wording()
    assert set(words.feedback) == set(FEEDBACK_PHRASES)
    for phrase_id, allowed in FEEDBACK_PHRASES.items():
        text = words.phrase(phrase_id, **{name: f"<{name}>" for name in allowed})
        assert text and "{" not in text, phrase_id
    assert [words.openness(value) for value in range(6)] == [
        "shut down", "guarded", "wary", "talking", "open", "trusting"]


@pytest.mark.parametrize("phrase, problem", [
    ("heading: Feedback on your rehearsal with {nmae}.",
     "uses {nmae}, which it cannot fill in (it can use: name, title)"),
    ("heading: Feedback on your rehearsal with {name.",
     "has a brace out of place"),
])
def test_a_feedback_phrase_that_cannot_be_filled_in_names_the_file_and_field(
        tmp_path, phrase, problem):
    text = WORDING_FILE.read_text(encoding="utf-8")
    path = tmp_path / "rehearsal.yml"
    path.write_text(text.replace("heading: Feedback on your rehearsal with {name} ({title}).",
                                 phrase), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        read_rehearsal_wording(path)
    assert error.value.field == "feedback.heading" and problem in error.value.problem
    assert error.value.line == text[:text.index("  heading:")].count("\n") + 1


def test_the_openness_names_must_name_every_openness(tmp_path):
    path = tmp_path / "rehearsal.yml"
    path.write_text(WORDING_FILE.read_text(encoding="utf-8").replace(
        "talking, open, trusting]", "talking, open]"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="must name each openness from 0 to 5"):
        read_rehearsal_wording(path)
