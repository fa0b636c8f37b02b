"""Which questions are asked, from the answers so far (kbs.assessment.steps, record)."""

from datetime import date

from kbs.assessment import record, steps
from kbs.engine import load_catalogue, parse_answers

CATALOGUE = load_catalogue()


def new():
    return record.new_answers(date(2024, 5, 1))


def factor(path):
    return CATALOGUE.for_path(path)


def ids(doc):
    return [s.id for s in steps.plan(doc)]


def test_danger_first_then_the_baby_then_household_then_carers_care_information():
    plan = ids(new())
    assert plan[:3] == ["judgement.immediate_danger", "infant.age_weeks", "infant.mobile"]
    assert plan.index("household.large_family") < plan.index("carers") < plan.index(
        "care.unsafe_sleep") < plan.index("information.limited_contact") < plan.index(
        "wider_family") < plan.index("judgement.level") == len(plan) - 1
    assert not [i for i in plan if i.startswith("carers.")]  # no carer recorded yet


def test_what_follows_from_the_baby_block_is_not_asked_again():
    assert "infant.not_mobile" not in ids(new())
    assert "infant.preterm" in ids(new())
    doc = record.set_infant(new(), "gestation_weeks", 39)
    assert "infant.preterm" not in ids(doc)


def test_each_carer_is_taken_through_their_factors():
    doc, roles = record.add_carers(new(), ["mother", "maternal grandmother"])
    assert roles == ["mother", "other_adult"]
    plan = ids(doc)
    # "ever alone with the baby?" follows a chaotic substance use only; anyone but the
    # mother is asked about contact (depth.yml), as soon as the adults are named: who lives
    # with the baby is known before anyone's account is weighed
    assert plan.index("carers") < plan.index("carers.other_adult.contact") < plan.index(
        "carers.mother.unknown_to_practitioners") < plan.index(
        "carers.mother.no_crying_plan") < plan.index("carers.other_adult.unknown_to_practitioners")
    assert "carers.mother.sole_carer" not in plan and "carers.mother.contact" not in plan
    assert steps.carer_name(doc, "other_adult") == "the maternal grandmother (other adult)"


def test_no_dash_question_without_domestic_abuse():
    doc, _ = record.add_carers(new(), ["mother"])
    path = "carers.mother.domestic_abuse"
    assert not [i for i in ids(doc) if i.startswith(f"{path}.")]
    doc = record.set_status(doc, path, factor(path), "present", "professional")
    assert [i for i in ids(doc) if i.startswith(f"{path}.")] == [
        f"{path}.source", f"{path}.dash", f"{path}.dash_yes", f"{path}.role"]
    doc = record.set_field(doc, path, "dash", "high")
    assert f"{path}.dash_yes" not in ids(doc)


def test_how_do_you_know_follows_an_answer_that_does_not_say():
    doc, _ = record.add_carers(new(), ["mother"])
    path = "carers.mother.substance_use"
    doc = record.set_status(doc, path, factor(path), "present")
    follow_up = steps.next_step(doc, ("judgement.immediate_danger",))
    assert f"{path}.source" in ids(doc)
    assert follow_up.id != f"{path}.source"  # earlier questions come first
    answered = tuple(s.id for s in steps.plan(doc) if s.id != f"{path}.source")
    assert steps.next_step(doc, answered).id == f"{path}.source"
    doc = record.set_source(doc, path, "wider_family")
    assert not [s for s in steps.plan(doc) if s.id == f"{path}.source" and not s.answered]


def test_an_exclusion_without_evidence_is_pending_then_excluded_or_not_known():
    doc, _ = record.add_carers(new(), ["mother"])
    path = "carers.mother.mental_health"
    doc = record.set_status(doc, path, factor(path), "absent")
    assert record.entry(doc, path) == {"status": "unknown",
                                      "note": record.note(record.PENDING_SOURCE)}
    assert record.entry(record.set_source(doc, path, "professional"), path) == {
        "status": "absent", "source": "professional"}
    assert record.entry(record.set_source(doc, path, None), path)["status"] == "unknown"
    other = "household.isolation"
    assert record.entry(record.set_status(doc, other, factor(other), "absent"), other) == {
        "status": "absent", "source": "observed"}


def test_details_go_when_a_factor_is_no_longer_present():
    doc, _ = record.add_carers(new(), ["mother"])
    path = "carers.mother.substance_use"
    doc = record.set_field(record.set_status(doc, path, factor(path), "present"), path,
                           "pattern", "chaotic")
    assert record.entry(record.set_status(doc, path, factor(path), "present", "observed"),
                        path)["pattern"] == "chaotic"
    assert record.entry(record.set_status(doc, path, factor(path), "absent", "observed"),
                        path) == {"status": "absent", "source": "observed"}


def test_every_document_built_is_valid_answers():
    doc, _ = record.add_carers(new(), ["mother", "partner"])
    doc = record.set_infant(doc, "age_weeks", 13)
    doc = record.notice_injury(doc, "observed")
    doc = record.set_wider_family(doc, [{"relation": "aunt", "contact": "refused"}])
    doc = record.set_level(record.set_danger(doc, False), 3, "father unseen")
    doc = record.set_carer_detail(doc, "partner", "sole_carer", None)
    parse_answers(doc)
    assert steps.next_step(doc).id == "infant.mobile"
    assert "infant.injury_or_bruise" in [s.id for s in steps.plan(doc) if not s.answered]
