"""The supervised group stops every child, and what the children started, when asked."""

import sys

import psutil
import pytest

from kbs.ops.process_group import ProcessGroup, StartupError

# A child that ignores SIGTERM and starts a grandchild: the hardest case to clean up.
STUBBORN = (
    "import signal, subprocess, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
    "time.sleep(600)\n"
)


def test_stop_leaves_no_process_behind(tmp_path):
    group = ProcessGroup(tmp_path)
    polite = group.start("polite", [sys.executable, "-c", "import time; time.sleep(600)"],
                         {}, tmp_path)
    stubborn = group.start("stubborn", [sys.executable, "-c", STUBBORN], {}, tmp_path)
    descendants = _descendants_when_started(stubborn.process.pid)
    pids = [polite.process.pid, stubborn.process.pid, *descendants]
    group.stop(grace_seconds=1)
    assert not _alive(pids)


def test_a_child_that_exits_while_starting_is_reported_with_its_log(tmp_path):
    group = ProcessGroup(tmp_path)
    child = group.start("broken", [sys.executable, "-c", "print('no model here'); exit(3)"],
                        {}, tmp_path)
    with pytest.raises(StartupError, match="(?s)broken exited with code 3.*no model here"):
        group.wait_ready(child, "http://127.0.0.1:9/", timeout=30)
    group.stop()


def test_wait_for_exit_returns_the_child_that_ended(tmp_path):
    group = ProcessGroup(tmp_path)
    group.start("long", [sys.executable, "-c", "import time; time.sleep(600)"], {}, tmp_path)
    short = group.start("short", [sys.executable, "-c", "pass"], {}, tmp_path)
    assert group.wait_for_exit(poll_seconds=0.05) is short
    group.stop()


def _alive(pids, timeout=5):
    """Pids still running once SIGKILL has had ``timeout`` seconds to land."""
    processes = [psutil.Process(pid) for pid in pids if psutil.pid_exists(pid)]
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return [p.pid for p in alive if p.status() != psutil.STATUS_ZOMBIE]


def _descendants_when_started(pid, timeout=10):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = psutil.Process(pid).children(recursive=True)
        if children:
            return [c.pid for c in children]
        time.sleep(0.05)
    raise AssertionError("the grandchild never started")


def test_one_child_can_be_stopped_or_killed_while_the_others_run(tmp_path):
    group = ProcessGroup(tmp_path)
    sleep = [sys.executable, "-c", "import time; time.sleep(600)"]
    first, second, third = (group.start(name, sleep, {}, tmp_path)
                            for name in ("first", "second", "third"))
    group.stop(grace_seconds=1, children=[first])
    group.kill(second)
    assert not _alive([first.process.pid, second.process.pid])
    assert group.children == [third] and third.process.poll() is None
    group.stop(grace_seconds=1)
    assert not _alive([third.process.pid]) and group.children == []
