"""A model is found again exactly when nothing training reads has changed."""

from kbs.ops.fingerprint import fingerprint, model_for, trained_models


def test_fingerprint_changes_with_content_and_only_then(tmp_path, monkeypatch):
    monkeypatch.setattr("kbs.ops.fingerprint.ROOT", tmp_path)
    data = tmp_path / "nlu"
    data.mkdir()
    (data / "a.yml").write_text("one")
    first = fingerprint([data])
    assert fingerprint([data]) == first
    (data / "a.yml").write_text("two")
    assert fingerprint([data]) != first
    (data / "a.yml").write_text("one")
    (data / "b.yml").write_text("")
    assert fingerprint([data]) != first


def test_models_are_listed_newest_first(tmp_path):
    old, new = model_for("aaa", tmp_path), model_for("bbb", tmp_path)
    old.write_text("")
    new.write_text("")
    import os

    os.utime(old, (1, 1))
    (tmp_path / "other.tar.gz").write_text("")
    assert trained_models(tmp_path) == [new, old]
