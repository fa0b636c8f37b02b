"""A rehearsal's page reads like the feedback in the chat, then the conversation with the
moves in plain words: labels from the catalogues, never a persona, move or fact id."""

import html
import re

import pytest
from markupsafe import escape
from sqlalchemy import insert

from kbs.rehearsal.feedback_text import feedback_sections, feedback_text
from kbs.store.schema import rehearsals
from tests.unit.web.conftest import JONES
from tests.web_seed import REHEARSAL_LINES, START, played_rehearsal, seed_rehearsal

IDS = ("mother_drinking", "stress_evenings", "sister_police", "husband_police",
       "asleep_in_chair", "open_question", "ask_specifics", "premature_reassurance",
       "small_talk", "openness_before", "near_miss")


def text_of(page: str) -> str:
    """The page's words as a reader sees them: tags dropped, entities read, spaces single."""
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def finished(database):
    return seed_rehearsal(database, JONES)


def test_the_page_says_what_the_chat_said(jones, finished):
    page = text_of(jones.get(f"/rehearsals/{finished}").get_data(as_text=True))
    _, feedback = played_rehearsal()
    for section in feedback_sections(feedback):
        for words in (section.text, section.heading, *section.items):
            assert " ".join(words.split()) in page, words
    # the same sentences the chat sends, in the same order
    chat = [" ".join(p.split()) for p in feedback_text(feedback).split("\n") if p.strip()]
    positions = [page.index(line.removeprefix("- ").removesuffix(":")) for line in chat]
    assert positions == sorted(positions)
    assert "Feedback on your rehearsal with Lauren (A mother who says her drinking is under " \
           "control)." in page
    assert "You uncovered 1 of 5 hidden facts." in page


def test_the_conversation_names_who_spoke_and_each_move_in_plain_words(jones, finished):
    page = text_of(jones.get(f"/rehearsals/{finished}").get_data(as_text=True))
    conversation = page[page.index("The conversation"):]
    for _, said in REHEARSAL_LINES:
        assert f"You : {said}" in conversation
    assert conversation.count("Lauren :") == len(REHEARSAL_LINES) + 1  # she opens
    for label in ("greeting or small talk", "open question", "asking for specifics",
                  "premature reassurance"):
        assert f"Your move: {label}." in conversation
    assert "This uncovered: The evenings are when she drinks" in conversation


def test_no_id_reaches_the_page_or_the_list(jones, finished):
    for path in (f"/rehearsals/{finished}", "/rehearsals"):
        page = jones.get(path).get_data(as_text=True)
        for identifier in IDS:
            assert identifier not in page, (path, identifier)
    listed = text_of(jones.get("/rehearsals").get_data(as_text=True))
    assert "With Lauren: A mother who says her drinking is under control" in listed


def test_an_unfinished_rehearsal_has_its_conversation_and_no_feedback(jones, database):
    unfinished = seed_rehearsal(database, JONES, finished=False)
    page = text_of(jones.get(f"/rehearsals/{unfinished}").get_data(as_text=True))
    assert "No feedback yet: the rehearsal was not finished." in page
    assert "Rehearsal with Lauren" in page and "Your move: open question." in page
    assert "This uncovered" not in page  # the facts are worded only from the feedback


def test_feedback_saved_in_another_form_is_said_not_a_server_error(jones, database):
    with database.begin() as connection:
        odd = connection.execute(insert(rehearsals).values(
            owner=JONES, persona="a_persona_since_removed",
            transcript=[{"speaker": "carer", "text": "<script>alert(1)</script>"}],
            feedback={"went well": ["open questions"]}, started_at=START,
            finished_at=START)).inserted_primary_key[0]
    response = jones.get(f"/rehearsals/{odd}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "saved in a form this version of the assistant cannot show" in page
    assert "A persona since removed" in page and "a_persona_since_removed" not in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_facts_she_raised_herself_are_a_heading_and_a_list_as_in_the_chat(jones, database):
    said = "I've heard he cries a lot at night. How do you cope when he won't stop crying?"
    transcript, feedback = played_rehearsal([("open_question", said)], "father_not_engaging")
    assert len(feedback["raised"]) == 2  # Dean told neither: she named both herself
    with database.begin() as connection:
        raised = connection.execute(insert(rehearsals).values(
            owner=JONES, persona="father_not_engaging", transcript=transcript,
            feedback=feedback, started_at=START, finished_at=START)).inserted_primary_key[0]
    page = jones.get(f"/rehearsals/{raised}").get_data(as_text=True)
    [section] = [s for s in feedback_sections(feedback)
                 if s.heading.startswith("What you raised yourself")]
    assert f"{section.heading}:" in feedback_text(feedback)
    listed = page[page.index(f"<h3>{escape(section.heading)}</h3>"):]
    for item in section.items:
        assert f"<li>{escape(item)}</li>" in listed
    assert "You raised 2 more yourself, so you covered 2 of 4." in text_of(page)
