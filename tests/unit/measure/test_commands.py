from click.testing import CliRunner

from kbs.cli import main


def test_bench_and_eval_are_kbs_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert "bench" in result.output and "eval" in result.output


def test_levels_must_be_numbers_of_practitioners():
    result = CliRunner().invoke(main, ["bench", "--levels", "1,five"])
    assert result.exit_code != 0
    assert "give whole numbers of practitioners" in result.output
    result = CliRunner().invoke(main, ["bench", "--levels", "0,5"])
    assert result.exit_code != 0


def test_a_malformed_script_stops_the_bench_before_any_server_starts(tmp_path):
    (tmp_path / "core.yml").write_text("mode: core\nturns: hello\n")
    result = CliRunner().invoke(main, ["bench", "--scripts", str(tmp_path), "--no-training",
                                       "--out", str(tmp_path / "out"),
                                       "--history", str(tmp_path / "h.jsonl")])
    assert result.exit_code != 0
    assert (f"{tmp_path / 'core.yml'}, line 2: field 'turns' must be a non-empty list"
            in result.output)
