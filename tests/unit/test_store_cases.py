from kbs.store.cases import cases_of, find_case, get_or_create_case


def test_a_case_is_created_once_per_owner_and_reference(connection):
    first = get_or_create_case(connection, "hv.one", "KBS-0001")
    assert get_or_create_case(connection, "hv.one", "KBS-0001") == first
    other = get_or_create_case(connection, "hv.two", "KBS-0001")
    assert other != first
    assert [c.reference for c in cases_of(connection, "hv.one")] == ["KBS-0001"]
    assert find_case(connection, "hv.two", "KBS-0002") is None
