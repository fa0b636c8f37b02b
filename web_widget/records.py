"""The practitioner's cases and saved profiles: summary, pictures, comparison, print, export."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from kbs.case_list import CaseQuery, choices, find_cases
from kbs.engine import AnswersError
from web_widget import labels, queries
from web_widget.access import listed, open_record, signed_in_only
from web_widget.comparison import compare_saved
from web_widget.db import engine
from web_widget.pictures import domain_picture, level_picture
from web_widget.profile_domains import domains

records = Blueprint("records", __name__)
signed_in_only(records)

for _filter in (labels.factor_label, labels.flag_label, labels.words, labels.level_label,
                labels.route):
    records.add_app_template_filter(_filter)


@records.get("/cases")
def cases():
    with engine().connect() as connection:
        found = find_cases(connection, current_user.id, CaseQuery.from_args(request.args))
    listed("case", len(found.rows))
    levels, flags = choices()
    return render_template("cases.html", found=found, levels=levels, flags=flags)


@records.get("/cases/<int:case_id>")
def case(case_id: int):
    row = open_record(queries.case(case_id), "case", case_id)
    versions = queries.profiles_of(case_id)
    return render_template("case.html", case=row, versions=versions,
                           levels=_level_picture(versions),
                           plans=queries.plans_of(current_user.id, case_id))


@records.get("/cases/<int:case_id>/compare")
def compare(case_id: int):
    row = open_record(queries.case(case_id), "case", case_id, "compared")
    versions = {v.version: v for v in queries.profiles_of(case_id)}
    old, new = _chosen_versions(versions)
    return render_template("compare.html", case=row, old=versions[old], new=versions[new],
                           changes=compare_saved(versions[old]._mapping,
                                                 versions[new]._mapping))


@records.get("/profiles/<int:profile_id>")
def profile(profile_id: int):
    row = open_record(queries.profile(profile_id), "profile", profile_id)
    return render_template("profile.html", **_profile_page(row))


@records.get("/profiles/<int:profile_id>/print")
def print_view(profile_id: int):
    row = open_record(queries.profile(profile_id), "profile", profile_id, "printed")
    return render_template("profile_print.html", printed_at=_now(), **_profile_page(row))


@records.get("/profiles/<int:profile_id>/export.json")
def export(profile_id: int):
    row = open_record(queries.profile(profile_id), "profile", profile_id, "exported")
    document = {
        "exported_at": _now(), "exported_by": current_user.username,
        "case_reference": row.reference, "version": row.version, "status": row.status,
        "started_at": row.started_at, "updated_at": row.updated_at,
        "completed_at": row.completed_at, "answers": row.answers, "result": row.result,
    }
    name = f"profile-{_safe(row.reference)}-v{row.version}.json"
    return Response(json.dumps(document, indent=2, default=str), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _profile_page(row) -> dict:
    versions = queries.profiles_of(row.case_id)
    earlier = [v.version for v in versions if v.version < row.version]
    page = {"profile": row, "result": row.result or {}, "levels": _level_picture(versions),
            "previous": earlier[-1] if earlier else None}
    try:
        page["domains"] = domain_picture(domains(row.answers))
    except AnswersError as err:  # saved by an older or faulty version: say so, show the rest
        page["answers_problem"] = str(err)
    return page


def _level_picture(versions):
    scored = [(v.version, v.result["level"], bool(v.result.get("complete")),
               _date(v.completed_at or v.updated_at))
              for v in versions if isinstance(v.result, dict) and "level" in v.result]
    return level_picture(scored) if scored else None


def _chosen_versions(versions: dict) -> tuple[int, int]:
    """The versions named in ?old=&new=, by default the last two; 400 if they are not there."""
    numbers = sorted(versions)
    if len(numbers) < 2:
        abort(404)
    try:
        old = int(request.args.get("old", numbers[-2]))
        new = int(request.args.get("new", numbers[-1]))
    except ValueError:
        abort(400)
    if old not in versions or new not in versions or old == new:
        abort(400)
    return old, new


def _date(value) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _safe(reference: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in reference)[:40]
