"""Assess mode through Flask, Rasa and the action server, with restarts in the middle."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.integration.servers import Servers

pytestmark = pytest.mark.integration

MOST_TURNS = 150

# Question (a piece of its text) -> the answer given, and what must be saved for it.
SCRIPT = {
    "Is the baby in danger now": ("no", ("judgement", "immediate_danger"), False),
    "How old is the baby": ("she's 20 weeks", ("infant", "age_weeks"), 20),
    # rolling is not independent mobility (issue 15; NICE CG89)
    "Is the baby independently mobile": ("yes she's rolling", ("infant", "mobile"), False),
    "At how many weeks of pregnancy": ("39+2", ("infant", "gestation_weeks"), 39.3),
    "What did the baby weigh at birth": ("7lb 4oz", ("infant", "birth_weight_kg"), 3.29),
    # asked in the baby's list (depth.yml groups): "no" with nothing named is none of them
    "needed neonatal or special care": ("no, she went straight home",
                                        ("factors", "infant.neonatal_care", "status"),
                                        "absent"),
    "bruise, mark, fracture": ("no marks at all, I checked on my visit",
                               ("factors", "infant.injury_or_bruise", "source"), "observed"),
    "short of money, food": ("yes, they use the food bank",
                             ("factors", "household.material_hardship", "status"), "present"),
    "Who lives in the household": ("mum, dad and mum's new boyfriend who stays most nights",
                                   ("carers",), {"mother", "father", "partner"}),
    "The mother: Does this carer use alcohol or drugs": (
        "she says she only drinks at weekends",
        ("carers", "mother", "substance_use", "source"), "carer_account"),
    "(the mother): Is the use stable or chaotic": (
        "chaotic, she binges", ("carers", "mother", "substance_use", "pattern"), "chaotic"),
    "The father: Has this adult not yet been seen": (
        "dad wasn't there again",
        ("carers", "father", "unknown_to_practitioners", "status"), "present"),
    "The father: Does this carer fail to engage": (
        "dad wasn't there again", ("carers", "father", "non_engagement", "status"), "present"),
    "Who in the wider family": ("maternal grandmother, not yet contacted",
                                ("wider_family",),
                                [{"relation": "maternal grandmother", "contact": "not_yet"}]),
}
RESTART_AFTER = "The mother: Does this carer use alcohol or drugs"
STOP_AFTER = "The father: Has this adult not yet been seen"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    running = Servers(tmp_path_factory.mktemp("assess"))
    try:
        for name in ("action-server", "web", "rasa"):
            running.start(name)
        yield running
    finally:
        running.stop()


def saved(servers, reference):
    with sqlite3.connect(servers.database) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT profiles.* FROM profiles JOIN cases ON cases.id = case_id "
                          "WHERE reference = ? ORDER BY version", (reference,)).fetchall()


def question(reply):
    return reply[-1]["text"]


def text(reply):
    return "\n".join(m["text"] for m in reply)


def at(document, path):
    for key in path:
        document = document[key]
    return document


def test_a_whole_assessment_survives_restarts_and_saves_every_answer(servers):
    chat = servers.session("hv.one")
    chat.say("assess")
    reply = chat.say("KBS-0142")
    given, red_flags, restarted, stopped = [], False, False, False
    for _ in range(MOST_TURNS):
        asked = question(reply)
        fragment = next((f for f in SCRIPT if f in asked), None)
        answer = SCRIPT[fragment][0] if fragment else "don't know"
        reply = chat.say(answer)
        given.append(fragment)
        red_flags |= "RED FLAG" in text(reply)
        if fragment == RESTART_AFTER and not restarted:
            reply = _restart_rasa_and_actions(servers, chat)
            restarted = True
        if fragment == STOP_AFTER and not stopped:
            assert 'say "resume KBS-0142"' in text(chat.say("stop for now"))
            chat = servers.session("hv.one")  # later, signed in again: a new conversation
            reply = chat.say("resume KBS-0142")
            assert "Carrying on with the unfinished profile for KBS-0142" in text(reply)
            stopped = True
        if "That is every question" in text(reply):
            break
    else:
        pytest.fail(f"still asking after {MOST_TURNS} answers")
    assert restarted and stopped and red_flags  # chaotic use by a carer: intoxicated_care
    assert "Level " in text(reply) and "First things to do" in text(reply)
    rows = saved(servers, "KBS-0142")
    assert [row["status"] for row in rows] == ["complete"]
    answers = json.loads(rows[0]["answers"])
    for fragment in SCRIPT:
        assert fragment in given, f"never asked: {fragment}"
        _, path, expected = SCRIPT[fragment]
        found = at(answers, path)
        assert (set(found) if isinstance(expected, set) else found) == expected, fragment


def _restart_rasa_and_actions(servers, chat):
    """Kill the Rasa server and the action server; the chat says so and keeps the message."""
    asked_before = question(chat.say("where was I"))
    servers.kill("rasa")
    servers.kill("action-server")
    down = chat.http.post(f"{chat.url}/api/chat", json={"message": "chaotic"}, timeout=60)
    assert down.status_code == 503 and "not answering" in down.json()["error"]
    servers.start("action-server")
    servers.start("rasa")
    reply = chat.say("where was I")
    assert "Here is the question again" in text(reply)
    assert question(reply) == asked_before
    return reply


def test_a_bruise_on_a_three_month_old_gets_the_route_in_the_next_reply(servers):
    chat = servers.session("hv.one")
    chat.say("start an assessment")
    chat.say("HV7-23")
    chat.say("no")
    reply = text(chat.say("she's a three-month-old and I saw a bruise on her cheek"))
    assert "RED FLAG" in reply and "Urgent paediatric assessment" in reply
    assert "Is the baby independently mobile" in reply


def test_a_16_week_old_who_rolls_with_a_bruise_gets_the_red_flag_in_the_next_reply(servers):
    """Rolling is not mobility, and a baby under six months counts as not mobile whatever
    is said of mobility: the red flag and its routes come at once (issue 15)."""
    chat = servers.session("hv.one")
    chat.say("start an assessment")
    chat.say("HV7-24")
    chat.say("no")
    reply = text(chat.say("she's 16 weeks and rolls, there's a bruise on her cheek"))
    assert "RED FLAG" in reply
    assert "Urgent paediatric assessment" in reply and "Children's social care" in reply
    answers = json.loads(saved(servers, "HV7-24")[-1]["answers"])
    assert answers["infant"]["mobile"] is False
    assert answers["factors"]["infant.injury_or_bruise"]["status"] == "present"


def test_a_name_or_date_of_birth_is_refused_and_nothing_saved(servers):
    chat = servers.session("hv.one")
    chat.say("new assessment")
    assert "could be part of a name" in text(chat.say("Olivia Brown"))
    assert "date of birth" in text(chat.say("03/02/2024"))
    with sqlite3.connect(servers.database) as db:
        references = [r for (r,) in db.execute("SELECT reference FROM cases")]
    assert not [r for r in references if "Olivia" in r or "2024" in r]


def test_dont_know_to_everything_finishes_incomplete(servers):
    chat = servers.session("hv.one")
    chat.say("assess")
    reply = chat.say("KBS-0999")
    answers = 0
    while "That is every question" not in text(reply):
        assert answers < 60, "the all-'don't know' run did not finish"
        reply = chat.say("I don't know")
        answers += 1
    print(f"all-'don't know' run over REST: {answers + 2} messages ('assess', the reference, "
          f"{answers} answers)")
    result = json.loads(saved(servers, "KBS-0999")[0]["result"])
    assert result["complete"] is False and result["level"] >= 2
