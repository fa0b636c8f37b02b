"""The action server registers exactly the domain's custom actions, a validation action
for every form, and no base class."""

from .harness import domain, executor


def test_the_action_server_has_every_action_of_the_domain_and_no_other():
    assert set(executor().actions) == set(domain()["actions"])


def test_every_form_has_its_validation_action():
    assert {f"validate_{form}" for form in domain()["forms"]} <= set(executor().actions)
