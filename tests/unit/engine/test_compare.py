"""Re-assessment: factors new, resolved, worse, and the change of level."""

from kbs.engine import compare

from .builders import excluded, fixture_doc, with_answer


def test_infant_2_after_the_fractures_shows_the_injury_and_its_red_flag():
    comparison = compare(fixture_doc("infant-2-before-injury.yml"),
                         fixture_doc("infant-2-after-fractures.yml"))
    assert comparison.new == ("infant.injury_or_bruise",)
    assert comparison.red_flags_new == ("non_mobile_injury",)
    assert comparison.resolved == comparison.worse == ()
    assert comparison.old_assessed_on < comparison.new_assessed_on


def test_new_and_resolved_factors_and_the_change_of_level():
    old = with_answer(excluded(), "carers.father.non_engagement", "present")
    new = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="chaotic")
    comparison = compare(old, new)
    assert comparison.new == ("carers.mother.substance_use",)
    assert comparison.resolved == ("carers.father.non_engagement",)
    assert comparison.level_change == "raised"
    assert comparison.red_flags_new == ("intoxicated_care",)


def test_a_pattern_or_dash_grading_that_gets_worse_is_listed_as_worse():
    stable = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="stable")
    chaotic = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="chaotic")
    assert compare(stable, chaotic).worse == ("carers.mother.substance_use",)
    assert compare(chaotic, stable).worse == ()
    medium = with_answer(excluded(), "carers.mother.domestic_abuse", "present", dash="medium")
    high = with_answer(excluded(), "carers.mother.domestic_abuse", "present", dash="high")
    assert compare(medium, high).worse == ("carers.mother.domestic_abuse",)


def test_a_resolution_on_the_carers_account_alone_is_pointed_out():
    old = with_answer(excluded(), "carers.mother.substance_use", "present")
    new = with_answer(excluded(), "carers.mother.substance_use", "absent", "carer_account")
    comparison = compare(old, new)
    assert comparison.resolved == comparison.resolved_on_carer_account == (
        "carers.mother.substance_use",)


def test_an_exclusion_that_becomes_unknown_is_listed_and_the_level_does_not_fall():
    comparison = compare(excluded(), with_answer(excluded(), "care.unsafe_sleep", "unknown"))
    assert comparison.now_unknown == ("care.unsafe_sleep",)
    assert comparison.level_change == "raised"


def test_a_carer_who_leaves_the_answers_becomes_unknown():
    new = excluded()
    del new["carers"]["father"]
    assert "carers.father.substance_use" in compare(excluded(), new).now_unknown


def test_the_same_answers_show_no_change():
    comparison = compare(excluded(), excluded())
    assert comparison.level_change == "unchanged"
    assert comparison.new == comparison.resolved == comparison.worse == ()
