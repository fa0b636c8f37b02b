"""The web app's door to the audit log (kbs.store.audit): who viewed, exported or was refused
which record, and sign-ins. The actor is the signed-in account's id (never a username), or
"(not signed in)"; the detail starts with the door, the request ("web GET /profiles/3",
never its query string), as the chat's rows start with "chat" and a command's with the
command."""

from __future__ import annotations

from flask import has_request_context, request

from kbs.store.audit import door, record_access
from web_widget.db import engine

WEB = "web"  # the door in the audit log's detail


def record(actor: str, action: str, object_type: str, object_id: object,
           detail: str | None = None) -> None:
    if has_request_context():
        detail = door(web_request(), detail)
    with engine().begin() as connection:
        record_access(connection, actor, action, object_type, object_id, detail)


def web_request() -> str:
    """The door of a web row: the web app, and the request (never its query: a search)."""
    return f"{WEB} {request.method} {request.path}"
