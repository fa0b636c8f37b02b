from kbs.identity import practitioner_of, sender_id_for


def test_records_belong_to_the_practitioner_whatever_the_conversation():
    assert practitioner_of(sender_id_for("hv.jones", "c1")) == "hv.jones"
    assert practitioner_of(sender_id_for("hv.jones", "c2~x")) == "hv.jones"
    assert practitioner_of("hv.jones") == "hv.jones"
