import pytest

from kbs.catalogues import CatalogueError
from kbs.measure import scripts
from kbs.measure.scripts import Turn, load_script, load_scripts


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def domain(tmp_path):
    folder = tmp_path / "domain"
    write(folder, "core.yml", "intents:\n  - greet\nresponses:\n  utter_greet:\n"
                              "    - text: hi\n")
    write(folder, "assess.yml", "intents:\n  - start_assess\nforms:\n  assessment_form:\n"
                                "    required_slots: []\nactions:\n  - action_x\n")
    return folder


def test_a_script_has_its_mode_turns_and_expectations(tmp_path):
    path = write(tmp_path, "assess.yml", 'mode: assess\nrequires: [assessment_form]\nturns:\n'
                 '  - hello\n  - say: /start_assess\n    expect: reference\n  - KBS-9{n}\n')
    script = load_script(path)
    assert script.name == "assess" and script.mode == "assess"
    assert script.requires == ("assessment_form",)
    assert script.turns == (Turn("hello"), Turn("/start_assess", "reference"), Turn("KBS-9{n}"))
    assert script.turns[2].text_for(7) == "KBS-9007"
    assert script.limited(2).turns == script.turns[:2]
    assert script.limited(None) is script


@pytest.mark.parametrize("text, complaint", [
    ("mode: assess\nturns: [hello\n", "is not valid YAML"),
    ("- hello\n", "must be a mapping"),
    ("mode: assess\n", "'turns' must be a non-empty list"),
    ("mode: assess\nturns: []\n", "'turns' must be a non-empty list"),
    ("mode: shopping\nturns: [hi]\n", "'mode' is 'shopping', which is not one of"),
    ("mode: core\nturns: [hi]\nwait: 3\n", "'wait' is not a known field"),
    ("mode: core\nturns:\n  - hi\n  - no\n", "'turns[1]' must be a message"),
    ("mode: core\nturns:\n  - say: hi\n    expct: x\n", "'turns[0].expct' is not a known field"),
    ("mode: core\nturns:\n  - {expect: x}\n", "'turns[0].say' is missing"),
    ("mode: core\nrequires: form\nturns: [hi]\n", "'requires' must be a list"),
])
def test_a_malformed_script_is_a_clear_error_naming_the_file(tmp_path, text, complaint):
    path = write(tmp_path, "broken.yml", text)
    with pytest.raises(CatalogueError) as error:
        load_script(path)
    assert str(error.value).startswith(str(path))
    assert complaint in str(error.value)


def test_an_unquoted_no_gets_a_hint(tmp_path):
    path = write(tmp_path, "core.yml", "mode: core\nturns:\n  - no\n")
    with pytest.raises(CatalogueError, match="quote it"):
        load_script(path)


def test_scripts_for_modes_not_in_this_checkout_are_skipped_with_the_reason(tmp_path, domain):
    folder = tmp_path / "conversations"
    write(folder, "core.yml", "mode: core\nturns: [hello]\n")
    write(folder, "assess.yml", "mode: assess\nrequires: [assessment_form, start_assess]\n"
                                "turns: [assess]\n")
    write(folder, "discuss.yml", "mode: discuss\nturns: [discuss]\n")
    write(folder, "needs.yml", "mode: assess\nrequires: [assessment_form, missing_form]\n"
                               "turns: [x]\n")
    runnable, skipped = load_scripts(folder, domain)
    assert [s.name for s in runnable] == ["assess", "core"]
    assert dict(skipped) == {
        "discuss": "the discuss mode is not in this checkout (no bot/domain/discuss.yml)",
        "needs": "the domain has no missing_form"}


def test_one_malformed_file_stops_the_load_even_if_its_mode_is_missing(tmp_path, domain):
    folder = tmp_path / "conversations"
    write(folder, "core.yml", "mode: core\nturns: [hello]\n")
    write(folder, "lookup.yml", "mode: lookup\nturns: hello\n")
    with pytest.raises(CatalogueError, match="lookup.yml"):
        load_scripts(folder, domain)


def test_an_empty_folder_is_an_error(tmp_path, domain):
    with pytest.raises(CatalogueError, match="no conversation scripts"):
        load_scripts(tmp_path, domain)


def test_domain_names_cover_every_section(domain):
    assert {"greet", "utter_greet", "start_assess", "assessment_form",
            "action_x"} <= scripts.domain_names(domain)


def test_the_projects_own_scripts_load():
    runnable, skipped = load_scripts()
    assert {s.name for s in runnable} | {name for name, _ in skipped} >= {
        "core", "assess", "discuss", "rehearse", "lookup"}
    assert "core" in {s.name for s in runnable}
