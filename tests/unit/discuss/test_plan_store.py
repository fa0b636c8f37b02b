"""Plans are saved to the database, linked to a case or not, and `kbs plan show` prints
them."""

import os
import subprocess

import pytest
from sqlalchemy import create_engine

from kbs.store.cases import get_or_create_case
from kbs.store.plans import get_plan, save_plan
from tests.web_seed import seed_account


def test_a_plan_is_saved_with_its_case_and_read_back(connection):
    case_id = get_or_create_case(connection, "hv.jones", "KBS-0427")
    plan_id = save_plan(connection, owner="hv.jones", kind="safer_sleep",
                        content={"title": "Safer sleep plan"}, case_id=case_id)
    saved = get_plan(connection, plan_id)
    assert (saved.owner, saved.kind, saved.case_reference) == ("hv.jones", "safer_sleep",
                                                               "KBS-0427")
    assert saved.content == {"title": "Safer sleep plan"}
    assert get_plan(connection, plan_id + 1) is None


def test_only_the_two_kinds_of_plan_are_saved(connection):
    with pytest.raises(ValueError, match="kind must be one of safer_sleep, safe_handling"):
        save_plan(connection, owner="hv.jones", kind="sleep", content={})


def test_kbs_plan_show_prints_the_plan(kbs, database_url, two_carers):
    from kbs.safer_practice.plans import safe_handling_plan

    database = create_engine(database_url, future=True)
    seed_account(database, "hv.jones", "u-test-hv-jones")  # the plan's owner is its id
    with database.begin() as connection:
        plan_id = save_plan(connection, owner="u-test-hv-jones", kind="safe_handling",
                            content=safe_handling_plan(two_carers))
    # only its owner's (issue 19): KBS_PRACTITIONER, as --owner, a username
    env = {**os.environ, "KBS_DATABASE_URL": database_url, "KBS_PRACTITIONER": "hv.jones"}
    shown = subprocess.run([kbs, "plan", "show", str(plan_id)], capture_output=True,
                           text=True, env=env, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# Safe handling plan\n")
    assert "## For the practitioner" in shown.stdout
    family = subprocess.run([kbs, "plan", "show", "--family", str(plan_id)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert "## For the practitioner" not in family.stdout
    missing = subprocess.run([kbs, "plan", "show", "999"], capture_output=True, text=True,
                             env=env, timeout=60)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: there is no plan 999 of hv.jones"
