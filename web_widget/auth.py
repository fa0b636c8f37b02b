"""Signing practitioners in and out (Flask-Login sessions, CSRF-protected forms)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from kbs.store.users import USERNAME, authenticate, find_user
from web_widget import audit
from web_widget.db import engine
from web_widget.extensions import login_manager

auth = Blueprint("auth", __name__)

# Password guessing: after this many failed sign-ins to one username within LOCKOUT, further
# attempts are refused (and audited) until LOCKOUT has passed since the last failure.
MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)
LOCKED_OUT = ("Too many failed sign-ins to this account. Try again in 15 minutes, or ask "
              "whoever manages the assistant's accounts to set a new password.")


class Practitioner(UserMixin):
    def __init__(self, username: str):
        self.id = username


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


@login_manager.user_loader
def load_practitioner(username: str) -> Practitioner | None:
    user = find_user(engine(), username)
    return Practitioner(user.username) if user else None


@login_manager.unauthorized_handler
def sign_in_first():
    if request.path.startswith("/api/"):
        return jsonify(error="You are signed out. Sign in again, then send your message."), 401
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


@auth.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        if audit.failed_sign_ins(username, LOCKOUT) >= MAX_FAILED_SIGN_INS:
            audit.record(username if USERNAME.match(username) else "(not a username)",
                         "sign_in_refused", "user", username[:80], "too many failed sign-ins")
            form.password.errors.append(LOCKED_OUT)
            return render_template("sign_in.html", form=form), 429
        user = authenticate(engine(), username, form.password.data)
        if user:
            next_page = request.args.get("next", "")
            session.clear()  # nothing from before sign-in carries over
            login_user(Practitioner(user.username))
            session.permanent = True
            audit.record(user.username, "signed_in", "user", user.username)
            return redirect(next_page if _is_local(next_page) else url_for("chat.index"))
        audit.record(username if USERNAME.match(username) else "(not a username)",
                     "sign_in_failed", "user", username[:80])
        form.password.errors.append("That username and password do not match an account.")
        return render_template("sign_in.html", form=form), 401
    return render_template("sign_in.html", form=form), 400 if form.errors else 200


@auth.post("/sign-out")
@login_required
def sign_out():
    audit.record(current_user.id, "signed_out", "user", current_user.id)
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


def _is_local(target: str) -> bool:
    """Only a path on this site: never another host, not even as `//host` or `/\\host`."""
    return target.startswith("/") and not target.startswith(("//", "/\\"))
