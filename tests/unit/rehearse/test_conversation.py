"""A rehearsal as a form in plain Python (kbs.rehearsal.conversation): which intent a turn
acts on, what each turn says and sets, and the wording file."""

import pytest

from kbs.rehearsal import conversation
from kbs.rehearsal.conversation import rehearsal_intent
from kbs.rehearsal.personas import personas


def message(text, intent, confidence=0.9, ranking=None):
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
            "entities": []}


def test_a_fallback_in_a_rehearsal_takes_a_likely_move():
    ranking = [{"name": "nlu_fallback", "confidence": 0.5},
               {"name": "move_reflection", "confidence": 0.42},
               {"name": "greet", "confidence": 0.3}]
    assert rehearsal_intent(message("so it's hard", "nlu_fallback", 0.5, ranking)) == \
        "move_reflection"
    ranking[1]["confidence"] = 0.2
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "nlu_fallback"
    ranking[1:] = [{"name": "greet", "confidence": 0.45}]
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "nlu_fallback"


def test_a_question_to_the_carer_read_as_a_look_up_takes_a_likely_move():
    ranking = [{"name": "faq", "confidence": 0.55},
               {"name": "move_open_question", "confidence": 0.35}]
    text = "what happens when the baby won't settle at night?"
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "move_open_question"
    ranking[0]["name"] = "live_concern"
    assert rehearsal_intent(message(text, "live_concern", 0.55, ranking)) == \
        "move_open_question"
    ranking[1]["confidence"] = 0.1
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "nlu_fallback"


def started():
    return conversation.take({"rehearsal_persona": "mother_drinking"},
                             message("/start_rehearse", "start_rehearse"),
                             "rehearsal_persona").slots


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
    wording = conversation.wording()
    assert set(wording) == set(conversation.MESSAGE_IDS)
    values = {"name": "Alex", "title": "A carer", "who": "Who.", "briefing": "A visit.",
              "persona": "nobody", "line": "Hello.", "feedback": "Feedback.", "saved": "Saved."}
    for message_id, message in wording.items():
        text = message.say(**values).text
        assert text and "{" not in text, message_id
