"""The servers' logs are appended to by every run and rotated by size (kbs.ops.logs)."""

import sys

import pytest

from kbs.ops.logs import RotatingLog
from kbs.ops.process_group import ProcessGroup


def test_a_log_is_appended_to_and_never_emptied_by_a_new_writer(tmp_path):
    path = tmp_path / "web.log"
    first = RotatingLog(path, max_bytes=1000, kept=2)
    first.write(b"first run\n")
    first.close()
    second = RotatingLog(path, max_bytes=1000, kept=2)
    second.write(b"second run\n")
    second.close()
    assert path.read_bytes() == b"first run\nsecond run\n"


def test_a_log_is_rotated_before_it_would_pass_its_size_and_keeps_so_many_files(tmp_path):
    path = tmp_path / "rasa.log"
    log = RotatingLog(path, max_bytes=20, kept=2)
    for n in range(5):
        log.write(f"line {n} 123456789\n".encode())  # 17 bytes: one line a file
    log.close()
    assert path.read_text() == "line 4 123456789\n"
    assert (tmp_path / "rasa.log.1").read_text() == "line 3 123456789\n"
    assert (tmp_path / "rasa.log.2").read_text() == "line 2 123456789\n"
    assert not (tmp_path / "rasa.log.3").exists()
    assert log.files() == [path, tmp_path / "rasa.log.1", tmp_path / "rasa.log.2"]


def test_a_log_too_big_from_an_earlier_run_is_rotated_at_the_first_write(tmp_path):
    path = tmp_path / "web.log"
    path.write_bytes(b"x" * 50)
    log = RotatingLog(path, max_bytes=40, kept=1)
    log.write(b"new run\n")
    log.close()
    assert path.read_bytes() == b"new run\n"
    assert (tmp_path / "web.log.1").read_bytes() == b"x" * 50


def test_keeping_no_older_file_starts_the_log_again(tmp_path):
    path = tmp_path / "web.log"
    log = RotatingLog(path, max_bytes=10, kept=0)
    log.write(b"123456789\n")
    log.write(b"abc\n")
    log.close()
    assert path.read_bytes() == b"abc\n" and log.files() == [path]


@pytest.mark.parametrize(("max_bytes", "kept"), [(0, 1), (10, -1)])
def test_a_log_needs_a_size_and_a_count(tmp_path, max_bytes, kept):
    with pytest.raises(ValueError):
        RotatingLog(tmp_path / "x.log", max_bytes, kept)


def test_two_runs_of_a_server_leave_both_runs_output_each_after_its_start_line(tmp_path):
    for run in ("one", "two"):
        group = ProcessGroup(tmp_path, log_max_bytes=10_000, log_files_kept=1)
        child = group.start("web", [sys.executable, "-c", f"print('served run {run}')"], {},
                            tmp_path)
        child.process.wait()
        group.stop()
    lines = (tmp_path / "web.log").read_text().splitlines()
    assert len(lines) == 4, lines
    assert lines[1::2] == ["served run one", "served run two"]
    assert all(line.startswith("----- ") and " kbs: web started (pid " in line
               for line in lines[0::2]), lines


def test_a_rotated_server_log_keeps_its_older_files(tmp_path):
    group = ProcessGroup(tmp_path, log_max_bytes=4000, log_files_kept=2)
    lines = "for n in range(200): print(f'line {n:03d}', 'x' * 40)"
    child = group.start("rasa", [sys.executable, "-c", lines], {}, tmp_path)
    child.process.wait()
    group.stop()
    files = sorted(tmp_path.glob("rasa.log*"))
    assert [f.name for f in files] == ["rasa.log", "rasa.log.1", "rasa.log.2"]
    assert all(f.stat().st_size <= 4000 for f in files)
    assert "line 199" in (tmp_path / "rasa.log").read_text()


def test_a_log_is_readable_by_its_user_alone_whatever_the_umask(tmp_path):
    """Issue 19: the logs name practitioners and what they asked for; they were 0644."""
    import os
    import stat

    left_open = tmp_path / "web.log"
    left_open.write_bytes(b"an older run\n")
    left_open.chmod(0o644)
    old = os.umask(0o022)
    try:
        for path in (left_open, tmp_path / "new" / "rasa.log"):
            log = RotatingLog(path, max_bytes=20, kept=1)
            log.write(b"line 1 123456789\nline 2 123456789\n")  # rotated once
            log.close()
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.with_name(path.name + ".1").stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
