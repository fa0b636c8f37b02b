"""A practitioner's own account: changing her password (/account/password).

The current password is asked again (a session left open is not enough), wrong answers
count in the sign-in back-off, and the change ends every other session of the account."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from kbs.accounts import AccountError, backoff
from kbs.accounts.wording import say
from kbs.store.users import authenticate, find_user, set_password
from web_widget import audit
from web_widget.auth import attempt_for, naive_utc, now, start_session, whole
from web_widget.db import engine

account = Blueprint("account", __name__)


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=1000)])
    new = PasswordField("New password (12 characters or more)",
                        validators=[DataRequired(), Length(max=1000)])
    repeat = PasswordField("New password again", validators=[DataRequired(), Length(max=1000)])


@account.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_template("account_password.html", form=form), 400 if form.errors else 200
    username = current_user.username
    attempt = attempt_for(username, find_user(engine(), username))
    with engine().begin() as connection:
        wait = backoff.wait(connection, attempt, naive_utc(now()))
    if wait is not None:
        form.current.errors.append(say("too_many_failures",
                                       minutes=whole(wait.total_seconds() / 60)))
        return render_template("account_password.html", form=form), 429
    if authenticate(engine(), username, form.current.data) is None:
        with engine().begin() as connection:
            backoff.record_failure(connection, attempt, naive_utc(now()))
        audit.record(current_user.id, "password_change_refused", "user", current_user.id,
                     "current password wrong")
        form.current.errors.append(say("current_password_wrong"))
        return render_template("account_password.html", form=form), 401
    if form.new.data != form.repeat.data:
        form.repeat.errors.append(say("passwords_differ"))
        return render_template("account_password.html", form=form), 400
    try:
        user = set_password(engine(), username, form.new.data)
    except AccountError as err:
        form.new.errors.append(str(err)[:1].upper() + str(err)[1:] + ".")
        return render_template("account_password.html", form=form), 400
    audit.record(user.account_id, "password_changed", "user", user.account_id)
    # Every session of the account ended with the change; this browser starts a new one,
    # keeping its conversation.
    start_session(user, keep={key: session[key] for key in ("conversation_id",)
                              if key in session})
    flash(say("password_changed"))
    return redirect(url_for("chat.index"))
