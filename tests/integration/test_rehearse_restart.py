"""A rehearsal survives a restart of the assistant: its state is in Rasa's tracker store."""

import pytest

from tests.integration.conftest import start_assistant, stop_assistant

pytestmark = pytest.mark.integration


def test_a_rehearsal_carries_on_after_a_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'kbs.db'}")
    first = start_assistant(tmp_path)
    try:
        chat = first.session()
        chat.say("hello")  # the menu, then the buttons pressed
        chat.say("/start_rehearse")
        chat.say('/start_rehearse{"persona": "family_celebration"}')
        chat.say("Where will the baby sleep when you're at your parents' house?")
    finally:
        assert stop_assistant(first) == 0
    second = start_assistant(tmp_path)
    try:
        again = chat  # the same practitioner's browser, still signed in
        again.url = second.url
        reply = again.say("It sounds like you're really excited about the weekend")
        assert reply[-1]["text"].startswith("Sophie: ")
        feedback = "\n".join(m["text"] for m in again.say("finish"))
    finally:
        stop_assistant(second)
    assert "You uncovered 1 of 4 hidden facts." in feedback
    assert "They have no travel cot" in feedback
    assert "reflection x1" in feedback  # the move after the restart
