"""Feedback on the practitioner's rehearsed conversations (worded by kbs.rehearsal.saved)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from kbs.rehearsal.saved import persona_title, saved_rehearsal
from web_widget import queries
from web_widget.access import listed, open_record, signed_in_only

rehearsals = Blueprint("rehearsals", __name__)
signed_in_only(rehearsals)


@rehearsals.get("/rehearsals")
def index():
    rows = queries.rehearsals_of(current_user.id)
    listed("rehearsal", len(rows))
    return render_template("rehearsals.html", rehearsals=[
        (row, persona_title(row.persona, row.feedback)) for row in rows])


@rehearsals.get("/rehearsals/<int:rehearsal_id>")
def rehearsal(rehearsal_id: int):
    row = open_record(queries.rehearsal(rehearsal_id), "rehearsal", rehearsal_id)
    return render_template("rehearsal.html", rehearsal=row,
                           saved=saved_rehearsal(row.persona, row.transcript, row.feedback))
