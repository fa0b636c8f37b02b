"""The one loader: every problem in a data file names the file, the line and the field."""

import pytest

from kbs.catalogues import CatalogueError, load


def write(tmp_path, text, name="data.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_yaml_names_the_file_and_the_parsers_line(tmp_path):
    path = write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(CatalogueError) as caught:
        load(path)
    assert str(path) in str(caught.value)
    assert caught.value.line is not None and caught.value.line >= 2
    assert "not valid YAML" in str(caught.value)


def test_a_missing_file_and_an_empty_file_are_the_same_kind_of_error(tmp_path):
    with pytest.raises(CatalogueError, match="cannot be read"):
        load(tmp_path / "nowhere.yml")
    with pytest.raises(CatalogueError, match="is empty"):
        load(write(tmp_path, "# only a comment\n"))


def test_a_wrong_value_names_its_field_and_line(tmp_path):
    path = write(tmp_path, "title: Safer sleep\nfacts:\n  - id: one\n    openness: 9\n")
    doc = load(path)
    with pytest.raises(CatalogueError) as caught:
        doc.get("facts").items()[0].get("openness").integer(0, 5)
    err = caught.value
    assert (err.file, err.field, err.line) == (path, "facts[0].openness", 4)
    assert str(err) == (f"{path}, line 4: field 'facts[0].openness' must be a whole number "
                        "from 0 to 5 (found 9)")


def test_a_missing_field_names_the_mapping_it_belongs_in(tmp_path):
    path = write(tmp_path, "sources:\n  nice:\n    title: NICE\n")
    with pytest.raises(CatalogueError) as caught:
        load(path).get("sources").get("nice").only({"title", "url"})
    assert caught.value.field == "sources.nice.url" and caught.value.line == 2


def test_an_unknown_field_is_named_with_the_known_ones(tmp_path):
    path = write(tmp_path, "title: x\ntitel: y\n")
    with pytest.raises(CatalogueError, match=r"field 'titel' is not a known field \(known: "):
        load(path).only({"title"})


def test_numbers_where_text_is_wanted_are_explained(tmp_path):
    doc = load(write(tmp_path, "label: 12\nflag: yes\nlink: http://example.org\n"))
    with pytest.raises(CatalogueError, match="put the number in quotes"):
        doc.get("label").text()
    assert doc.get("flag").boolean() is True
    with pytest.raises(CatalogueError, match="https://"):
        doc.get("link").url()
