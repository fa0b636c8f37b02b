"""Plans cite their sources (NICE, the Lullaby Trust, ICON) from the catalogues, not code."""

import re
from pathlib import Path

import pytest
import yaml

from kbs.catalogues import CatalogueError
from kbs.safer_practice import handling, sleep
from kbs.safer_practice.catalogue import read_catalogue
from kbs.safer_practice.plans import safe_handling_plan, safer_sleep_plan
from kbs.safer_practice.render import render_markdown

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = ROOT / "kbs" / "catalogues"


def test_the_safer_sleep_plan_cites_nice_and_the_lullaby_trust(bed_sharing):
    text = render_markdown(safer_sleep_plan({**bed_sharing, "alcohol": "yes"}))
    sources = text.split("## Sources")[1]
    assert "NICE" in sources and "Lullaby Trust" in sources
    # Each source is a link labelled with its title (issue 21): the chat and the plan page
    # show the title, opening the address.
    assert "(https://www.ncmd.info/safety/postnatal-care/)" in sources
    numbered = [line for line in sources.splitlines() if line.strip()]
    assert all(re.fullmatch(rf"{n}\. \[[^\[\]]+\]\(https://[^()\s]+\)", line)
               for n, line in enumerate(numbered, start=1)), numbered


def test_the_safe_handling_plan_cites_icon(two_carers):
    sources = render_markdown(safe_handling_plan(two_carers)).split("## Sources")[1]
    assert "1. [ICON: infant crying and how to cope" in sources


def test_source_titles_and_addresses_come_from_the_catalogue(tmp_path, bed_sharing):
    doc = yaml.safe_load((CATALOGUES / "safer_sleep.yml").read_text())
    doc["sources"]["nice_postnatal"] = {"title": "A reviewer's retitled NICE source",
                                        "url": "https://example.org/nice"}
    edited = tmp_path / "safer_sleep.yml"
    edited.write_text(yaml.safe_dump(doc))
    catalogue = read_catalogue(edited, sleep.SECTIONS)
    text = render_markdown(safer_sleep_plan({**bed_sharing, "alcohol": "yes"},
                                            catalogue=catalogue))
    assert "[A reviewer's retitled NICE source](https://example.org/nice)" in text


def test_a_source_title_with_square_brackets_is_a_clear_error(tmp_path):
    doc = yaml.safe_load((CATALOGUES / "safer_sleep.yml").read_text())
    doc["sources"]["nice_postnatal"]["title"] = "NICE [2021]"
    edited = tmp_path / "safer_sleep.yml"
    edited.write_text(yaml.safe_dump(doc))
    with pytest.raises(CatalogueError, match=r"field 'sources\.nice_postnatal\.title' must not "
                                             r"contain square brackets"):
        read_catalogue(edited, sleep.SECTIONS)


def test_no_source_title_or_address_is_written_in_code():
    code = "".join(path.read_text() for folder in ("kbs", "actions", "web_widget")
                   for path in (ROOT / folder).rglob("*.py"))
    for name in ("safer_sleep", "safe_handling"):
        for source in yaml.safe_load((CATALOGUES / f"{name}.yml").read_text())["sources"].values():
            assert source["url"] not in code and source["title"] not in code


@pytest.mark.parametrize("name, sections", [("safer_sleep", sleep.SECTIONS),
                                            ("safe_handling", handling.SECTIONS)])
def test_every_source_in_a_catalogue_is_cited(name, sections):
    text = (CATALOGUES / f"{name}.yml").read_text()
    catalogue = read_catalogue(CATALOGUES / f"{name}.yml", sections)
    for source in catalogue.sources:
        assert text.count(source) >= 2, f"{name}: source {source} is never cited"


@pytest.mark.parametrize("edit, message", [
    (lambda doc: doc["questions"]["alcohol"]["risk"]["sources"].append("nowhere"),
     r"field 'questions\.alcohol\.risk\.sources\[\d+\]' cites 'nowhere', which is not one of "
     r"the file's sources"),
    (lambda doc: doc["questions"]["alcohol"].update(asks="typo"),
     r"field 'questions\.alcohol\.asks' is not a known field"),
    (lambda doc: doc["questions"]["alcohol"]["risk"].update(when="maybe"),
     r"field 'questions\.alcohol\.risk\.when' is 'maybe', which is not one of: yes, no, unknown"),
    (lambda doc: doc.pop("practitioner"), r"field 'practitioner' is missing"),
    (lambda doc: doc["sources"]["nice_qs37"].update(url="http://nice.org.uk"),
     r"field 'sources\.nice_qs37\.url' must be an https:// address"),
])
def test_a_broken_catalogue_is_a_clear_error(tmp_path, edit, message):
    doc = yaml.safe_load((CATALOGUES / "safer_sleep.yml").read_text())
    edit(doc)
    path = tmp_path / "safer_sleep.yml"
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(CatalogueError, match=message) as caught:
        read_catalogue(path, sleep.SECTIONS)
    assert caught.value.file == path and str(caught.value).startswith(f"{path}, line ")
