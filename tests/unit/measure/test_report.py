import json
import math
from datetime import datetime

from kbs.measure import report


def test_reports_are_written_side_by_side_with_a_latest_copy(tmp_path):
    md, js = report.write(tmp_path / "eval", "eval-1", "# Report\n",
                          {"macro_f1": math.nan, "path": tmp_path, "values": (1, 2.5)})
    assert md.read_text() == "# Report\n"
    data = json.loads(js.read_text())
    assert data == {"macro_f1": None, "path": str(tmp_path), "values": [1, 2.5]}
    assert (tmp_path / "eval" / "latest.md").read_text() == "# Report\n"
    assert json.loads((tmp_path / "eval" / "latest.json").read_text()) == data


def test_run_stem_sorts_by_time():
    assert report.run_stem("bench", datetime(2026, 1, 2, 3, 4, 5)) == "bench-20260102-030405"


def test_table_formats_numbers_and_escapes_cells():
    text = report.table(["name", "value"], [["a|b", 0.91234], ["c", None], ["d", 123.4],
                                            ["e", math.nan], ["f", 7]])
    assert text.splitlines() == ["| name | value |", "|---|---|", "| a\\|b | 0.912 |",
                                 "| c | - |", "| d | 123 |", "| e | - |", "| f | 7 |"]
