"""Saved rehearsals and `kbs rehearsals list`."""

import subprocess
from datetime import datetime

from kbs.store.database import engine_for, upgrade
from kbs.store.rehearsals import finished_rehearsals, save_rehearsal


def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    return url


def feedback(uncovered, total):
    return {"uncovered": [{"id": f"f{i}"} for i in range(uncovered)], "facts_total": total}


def test_saved_rehearsals_list_oldest_first_with_facts_uncovered(tmp_path):
    engine = engine_for(database(tmp_path))
    transcript = [{"speaker": "carer", "text": "Hello."}]
    save_rehearsal("sam", "mother_drinking", transcript, feedback(4, 5),
                   datetime(2026, 1, 2, 9), datetime(2026, 1, 2, 9, 20), engine)
    save_rehearsal("sam", "mother_drinking", transcript, feedback(1, 5),
                   datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 9, 15), engine)
    save_rehearsal("jo", "family_celebration", transcript, feedback(2, 4),
                   datetime(2026, 1, 3, 9), datetime(2026, 1, 3, 9, 10), engine)
    sams = finished_rehearsals("sam", engine)
    assert [(r.uncovered, r.facts_total) for r in sams] == [(1, 5), (4, 5)]
    assert len(finished_rehearsals(engine=engine)) == 3


def test_kbs_rehearsals_list_shows_progress(kbs, tmp_path):
    url = database(tmp_path)
    save_rehearsal("sam", "father_not_engaging", [], feedback(1, 4),
                   datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 9, 15), engine_for(url))
    result = subprocess.run([kbs, "rehearsals", "list"], capture_output=True, text=True,
                            env={"KBS_DATABASE_URL": url, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split() == ["owner", "persona", "finished", "facts", "uncovered"]
    assert row.split() == ["sam", "father_not_engaging", "2026-01-01", "09:15", "1/4"]


def test_kbs_rehearsals_list_on_a_new_database_brings_it_up_to_date(kbs, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = subprocess.run([kbs, "rehearsals", "list"], capture_output=True, text=True,
                            env={"KBS_DATABASE_URL": url, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No finished rehearsals.\n"
    assert finished_rehearsals(engine=engine_for(url)) == []  # its tables are there now


def test_kbs_rehearsals_personas_checks_and_lists_the_files(kbs):
    result = subprocess.run([kbs, "rehearsals", "personas"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = [line.split(maxsplit=2) for line in result.stdout.splitlines()]
    assert rows[0] == ["persona", "hidden", "facts  title"]
    assert ["mother_drinking", "5", "A mother who says her drinking is under control"] in rows
