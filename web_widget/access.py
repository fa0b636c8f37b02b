"""One rule for every record: only its owner opens it, and every attempt is in the audit log."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user, login_required
from sqlalchemy.engine import Row

from web_widget import audit


def open_record(row: Row | None, object_type: str, object_id: int, action: str = "viewed"
                ) -> Row:
    """``row`` when the signed-in practitioner owns it (audited as ``action``); else 403/404."""
    if row is None:
        abort(404)
    if row.owner != current_user.id:
        audit.record(current_user.id, "denied", object_type, object_id,
                     f"attempt: {action}; owner: {row.owner}")
        abort(403)
    audit.record(current_user.id, action, object_type, object_id)
    return row


def listed(object_type: str, count: int) -> None:
    """A page listing the signed-in practitioner's records (their cases, plans,
    rehearsals) is a read of them: audited with how many it showed."""
    audit.record(current_user.id, "listed", object_type, current_user.id, f"{count} shown")


def signed_in_only(blueprint: Blueprint) -> None:
    """Every page of ``blueprint`` needs sign-in."""
    blueprint.before_request(login_required(lambda: None))
