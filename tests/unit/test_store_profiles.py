from kbs.store.cases import get_or_create_case
from kbs.store.profiles import (
    complete_profile,
    open_profile,
    owned_profile,
    previous_complete,
    profiles_of,
    save_answers,
    start_profile,
)


def test_versions_are_numbered_per_case_and_one_stays_open(connection):
    case = get_or_create_case(connection, "hv.one", "KBS-0001")
    first = start_profile(connection, case, {"factors": {}}, {"level": 2})
    assert open_profile(connection, case).id == first
    save_answers(connection, first, {"factors": {"household.isolation": {"status": "unknown"}}},
                 {"level": 2})
    complete_profile(connection, first, {"factors": {}}, {"level": 3})
    assert open_profile(connection, case) is None
    second = start_profile(connection, case, {"factors": {}}, {"level": 2})
    row = owned_profile(connection, "hv.one", second)
    assert (row.version, row.status, row.reference) == (2, "in_progress", "KBS-0001")
    assert previous_complete(connection, case, 2).id == first
    assert previous_complete(connection, case, 1) is None


def test_a_profile_is_only_found_by_its_owner(connection):
    case = get_or_create_case(connection, "hv.one", "KBS-0001")
    profile = start_profile(connection, case, {}, {})
    assert owned_profile(connection, "hv.two", profile) is None
    assert profiles_of(connection, "hv.two") == []
    assert [(r.reference, r.version) for r in profiles_of(connection, "hv.one")] == [
        ("KBS-0001", 1)]
