"""Free text and buttons are both understood: what one message answers."""

import pytest

from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.handling import handling_catalogue
from kbs.safer_practice.reading import Message, read_handling, read_sleep
from kbs.safer_practice.sleep import sleep_catalogue


def sleep_answers(text, asked, intent=None, **entities):
    found = tuple((kind, value) for kind, values in entities.items() for value in values)
    return read_sleep(Message(text, intent, found), asked, sleep_catalogue())


def handling_answers(text, asked, intent=None, relations=()):
    found = tuple(("relation", r) for r in relations)
    return read_handling(Message(text, intent, found), asked, handling_catalogue())


def test_a_description_answers_several_questions_at_once():
    answers = sleep_answers("she had a few glasses of wine and fell asleep with him on the sofa",
                            "shares", "describe_sleep", sleep_place=["sofa"],
                            substance=["alcohol"])
    assert answers == {"shares": YES, "shared_place": "sofa", "alcohol": YES}


def test_where_they_shared_does_not_answer_where_the_baby_usually_sleeps():
    answers = sleep_answers("she had a few glasses of wine and fell asleep with him on the sofa",
                            "night_place", "describe_sleep", sleep_place=["sofa"],
                            substance=["alcohol"])
    assert answers == {"shares": YES, "shared_place": "sofa", "alcohol": YES}


def test_a_baby_who_sleeps_in_the_parents_bed_shares_it():
    answers = sleep_answers("he sleeps in our bed with us", "night_place", "describe_sleep",
                            sleep_place=["adult_bed"])
    assert answers == {"shares": YES, "shared_place": "adult_bed", "night_place": "adult_bed"}


def test_yes_with_a_place_answers_where_they_share():
    assert sleep_answers("yes, on the settee", "shares", "answer", sleep_place=["sofa"]) == {
        "shares": YES, "shared_place": "sofa"}


def test_the_place_asked_about_is_answered_and_the_shared_place_is_not_the_cot():
    answers = sleep_answers("in his cot, but sometimes I fall asleep with him on the settee",
                            "night_place", "describe_sleep", sleep_place=["cot", "sofa"])
    assert answers == {"night_place": "cot", "shares": YES, "shared_place": "sofa"}


@pytest.mark.parametrize("text, expected", [
    ("yes", YES), ("no", NO), ("not sure", UNKNOWN), ("Yeah, most nights", YES),
    ("Nope", NO), ("no idea", UNKNOWN), ("Not that I know of", UNKNOWN), ("sometimes", YES),
    ("not yet", NO), ("I don\u2019t know", UNKNOWN)])
def test_short_answers_are_read_from_the_words_whatever_the_intent(text, expected):
    assert sleep_answers(text, "overheating", "answer") == {"overheating": expected}


def test_skip_is_read_from_the_words():
    assert Message("carry on without saving").skip and Message("skip").skip
    assert not Message("no").skip and Message("no reference").skip


def test_a_denial_answers_the_question_asked_and_nothing_more():
    answers = sleep_answers("no, nobody had been drinking", "alcohol", "answer",
                            substance=["alcohol"])
    assert answers == {"alcohol": NO}


def test_a_negated_description_is_asked_about_not_guessed():
    assert sleep_answers("she hadn't been drinking and he never sleeps with us", "on_back",
                         "describe_sleep", substance=["alcohol"]) == {}


def test_a_passing_word_does_not_change_another_answer():
    assert sleep_answers("we keep wine in the fridge", "on_back", "nlu_fallback",
                         substance=["alcohol"]) == {}


def test_the_substance_asked_about_is_read_from_words():
    assert sleep_answers("dad smokes in the garden", "smoking", "nlu_fallback",
                         substance=["tobacco"]) == {"smoking": YES}


@pytest.mark.parametrize("asked, text, expected", [
    ("preterm", "born at 34+2 weeks", YES), ("preterm", "she was 39 weeks", NO),
    ("low_birth_weight", "2.1 kg", YES), ("low_birth_weight", "7lb 4oz", NO),
    ("low_birth_weight", "5 lb 6 oz", YES), ("low_birth_weight", "no idea", UNKNOWN),
    ("low_birth_weight", "she was quite small", None)])
def test_gestation_and_birth_weight_given_as_numbers(asked, text, expected):
    assert sleep_answers(text, asked, "nlu_fallback").get(asked) == expected


def test_kinds_of_different_night_are_recognised():
    answers = sleep_answers("yes, a christening party and then dad works nights", "routine",
                            "answer")
    assert answers == {"routine": YES, "routine_kinds": ["party", "night_work"]}


def test_a_place_question_answered_not_sure_is_unknown():
    assert sleep_answers("not sure", "day_place", "answer") == {"day_place": UNKNOWN}


def test_carers_are_named_by_role():
    answers = handling_answers("mum, dad and his mum", ("carers", None), "answer",
                               ["mother", "father", "mother"])
    assert answers == {"carers": ["mother", "father"]}
    assert handling_answers("both parents and the grandparents", ("carers", None),
                            "answer")["carers"] == ["mother", "father", "grandmother",
                                                         "grandfather"]


def test_a_carer_question_records_the_answer_for_that_carer():
    assert handling_answers("not yet", ("icon", "father"), "answer") == {
        "carer_answers": {"father": {"icon": NO}}}


@pytest.mark.parametrize("text, intent, expected", [
    ("he's crawling everywhere", "nlu_fallback", YES), ("she is only 8 weeks old", None, NO),
    ("4 months", None, NO), ("9 months", None, None), ("no", "answer", NO)])
def test_mobility_from_words_and_age(text, intent, expected):
    assert handling_answers(text, ("mobile", None), intent).get("mobile") == expected


def test_a_mark_mentioned_at_any_question_is_taken_up():
    answers = handling_answers("yes, he grabbed her arm and there's a bruise",
                               ("concern", "father"), "answer")
    assert answers == {"carer_answers": {"father": {"concern": YES}}, "mark": YES}
    assert handling_answers("no marks at all", ("mark", None), "answer") == {"mark": NO}


@pytest.mark.parametrize("text, expected", [
    ("she's 16 weeks and rolls", NO),  # under six months: not mobile, whatever is said
    ("yes, she's 16 weeks and rolling over", NO),
    ("she's 8 months and crawling", YES),
    ("she's 8 months, not sure if she's crawling yet", UNKNOWN),  # unknown is not mobile
    ("we don't know if he crawls", UNKNOWN)])
def test_mobility_under_six_months_and_not_sure(text, expected):
    assert handling_answers(text, ("mobile", None), "nlu_fallback").get("mobile") == expected


def test_an_age_under_six_months_with_a_mark_answers_mobility_at_once():
    answers = handling_answers("she's 16 weeks and rolls, there's a bruise on her cheek",
                               ("mark", None), "nlu_fallback")
    assert answers == {"mark": YES, "mobile": NO, "age_weeks": 16}
    # being mobile is taken only as the answer to the mobility question; the age is kept
    assert handling_answers("she's 8 months and crawling, there's a bruise on her leg",
                            ("mark", None), "nlu_fallback") == {
        "mark": YES, "age_weeks": pytest.approx(34.7, abs=0.1)}
