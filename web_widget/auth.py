"""Signing practitioners in and out: Flask-Login sessions that the server can end, CSRF-
protected forms, a back-off on failed sign-ins that cannot lock anyone out of her own
account, and redirects only to this app's own pages.

A session (the signed cookie) holds the account id, the account's session generation when
it was made, when it was made and when it was last used. It stops opening anything when:
the account's generation has moved on (sign-out, on any device, a password change or
reset, the account closed), it was unused for IDLE_TIMEOUT (30 minutes), or it is older
than SESSION_LIFETIME (8 hours, not extended by use).
"""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from kbs.accounts import backoff
from kbs.accounts.keys import client_key, keyed_hash, typed_name_key
from kbs.accounts.wording import say
from kbs.store.users import User, authenticate, end_sessions, find_account, find_user
from web_widget import audit
from web_widget.db import engine
from web_widget.extensions import login_manager
from web_widget.security import DEVICE_COOKIE, client_address, cookie_name, is_secure_request

auth = Blueprint("auth", __name__)

NOT_SIGNED_IN = "(not signed in)"  # the audit log's actor for a failed or refused sign-in
DEVICE_LIFETIME = timedelta(days=90)
ENDED = "kbs_session_ended"  # request.environ key: why the session stopped (a message key)


class Practitioner(UserMixin):
    """The signed-in practitioner: ``id`` is the account id that owns their records."""

    def __init__(self, user: User):
        self.id = user.account_id
        self.username = user.username
        self.role = user.role


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


def now() -> datetime:
    return current_app.config["CLOCK"]()


@login_manager.user_loader
def load_practitioner(account_id: str) -> Practitioner | None:
    user = find_account(engine(), account_id)
    ended = _why_ended(user)
    if ended:
        session.clear()
        request.environ[ENDED] = ended
        return None
    session["seen_at"] = now().timestamp()
    return Practitioner(user)


def _why_ended(user: User | None) -> str | None:
    """None while the session may go on; else the message key saying why it ended."""
    if user is None or user.disabled or session.get("generation") != user.session_generation:
        return "session_revoked"
    at = now().timestamp()
    if at - session.get("signed_in_at", 0) > current_app.config["SESSION_LIFETIME"].total_seconds():
        return "session_too_old"
    if at - session.get("seen_at", 0) > current_app.config["IDLE_TIMEOUT"].total_seconds():
        return "session_idle"
    return None


def _ended_message(key: str) -> str:
    return say(key, minutes=whole(current_app.config["IDLE_TIMEOUT"].total_seconds() / 60),
               hours=whole(current_app.config["SESSION_LIFETIME"].total_seconds() / 3600))


@login_manager.unauthorized_handler
def sign_in_first():
    ended = request.environ.get(ENDED)
    if request.path.startswith("/api/"):
        message = (_ended_message(ended) if ended else
                   "You are signed out. Sign in again, then send your message.")
        return jsonify(error=message), 401
    if ended:
        flash(_ended_message(ended))
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


@auth.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("sign_in.html", form=form), 400 if form.errors else 200
    typed = form.username.data.strip().lower()
    known = find_user(engine(), typed)
    attempt = attempt_for(typed, known)
    with engine().begin() as connection:
        wait = backoff.wait(connection, attempt, naive_utc(now()))
    if wait is not None:
        audit.record(NOT_SIGNED_IN, "sign_in_refused", "user", attempt.account_key,
                     "too many failed sign-ins")
        form.password.errors.append(say("too_many_failures",
                                        minutes=whole(wait.total_seconds() / 60)))
        response = current_app.make_response((render_template("sign_in.html", form=form), 429))
        response.headers["Retry-After"] = str(whole(wait.total_seconds()))
        return response
    user = authenticate(engine(), typed, form.password.data)
    if user is None:
        with engine().begin() as connection:
            backoff.record_failure(connection, attempt, naive_utc(now()))
        audit.record(NOT_SIGNED_IN, "sign_in_failed", "user", attempt.account_key)
        form.password.errors.append(say("wrong_password"))
        return render_template("sign_in.html", form=form), 401
    if user.disabled:
        audit.record(NOT_SIGNED_IN, "sign_in_refused", "user", user.account_id,
                     "account disabled")
        form.password.errors.append(say("account_disabled"))
        return render_template("sign_in.html", form=form), 403
    with engine().begin() as connection:
        backoff.clear(connection, attempt.account_key)
    next_page = safe_next(request.args.get("next", ""))
    start_session(user)
    audit.record(user.account_id, "signed_in", "user", user.account_id)
    response = redirect(next_page or url_for("chat.index"))
    _remember_device(response, user)
    return response


def start_session(user: User, keep: dict | None = None) -> None:
    """A new session for ``user``: nothing from before carries over but ``keep``."""
    session.clear()
    session.update(keep or {})
    login_user(Practitioner(user))
    session.permanent = True
    stamp = now().timestamp()
    session.update(generation=user.session_generation, signed_in_at=stamp, seen_at=stamp)


@auth.post("/sign-out")
@login_required
def sign_out():
    """Ends every session of this account, on every device, not only this cookie."""
    account_id = current_user.id
    end_sessions(engine(), account_id)
    audit.record(account_id, "signed_out", "user", account_id)
    logout_user()
    session.clear()
    flash(say("signed_out"))
    return redirect(url_for("auth.sign_in"))


def safe_next(target: str) -> str | None:
    """``target`` when it is a page of this app (a path, no host, only printable ASCII
    without backslashes, matching one of the app's routes); else None."""
    if not target or len(target) > 2000 or "\\" in target:
        return None
    if any(not 0x21 <= ord(character) <= 0x7E for character in target):
        return None  # tabs, CR/LF and spaces, which browsers drop or headers refuse
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") \
            or parts.path.startswith("//"):
        return None
    try:
        current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    return target


def attempt_for(typed: str, known: User | None) -> backoff.Attempt:
    """This attempt for the back-off: the typed name's key, and the client's: the device
    when this browser signed in to that account before, else the address."""
    key = current_app.secret_key
    device = _device_of(known) if known else None
    if device:
        return backoff.Attempt(typed_name_key(key, typed), keyed_hash(key, "device", device),
                               trusted_device=True)
    return backoff.Attempt(typed_name_key(key, typed), client_key(key, client_address()))


def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="kbs device cookie")


def _device_of(user: User) -> str | None:
    """The device id of this browser's device cookie if it was given to ``user``."""
    raw = request.cookies.get(cookie_name(DEVICE_COOKIE))
    if not raw:
        return None
    try:
        value = _device_serializer().loads(raw, max_age=DEVICE_LIFETIME.total_seconds())
    except BadSignature:
        return None
    if not isinstance(value, dict) or value.get("account") != user.account_id:
        return None
    return str(value.get("device"))


def _remember_device(response, user: User) -> None:
    device = _device_of(user) or secrets.token_urlsafe(16)
    value = _device_serializer().dumps({"account": user.account_id, "device": device})
    response.set_cookie(cookie_name(DEVICE_COOKIE), value,
                        max_age=int(DEVICE_LIFETIME.total_seconds()), path="/",
                        secure=is_secure_request(), httponly=True, samesite="Lax")


def naive_utc(moment: datetime) -> datetime:
    """UTC without a zone, as the database keeps times."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def whole(amount: float) -> int:
    return max(1, math.ceil(amount))
