"""Accounts that can be closed and records owned by an id that is never given again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08

- users.account_id: a random id made once for each account and never reused; the "owner"
  of cases, plans and rehearsals, and the practitioner part of Rasa's sender id, is now this
  id, not the username, so an account made again under an old username starts with nothing.
  Records owned by a username that has an account are moved to that account's id; other
  owners (conversations from before sign-in) are left as they were.
- users.disabled_at (a closed account), users.session_generation (raised to end every
  session of the account: sign-out, password change, reset, disabling), last_sign_in_at.
- sign_in_failures: recent failed sign-ins by keyed hash of the typed name and of the client
  (the back-off, web_widget/auth.py); never the typed text.
- Failed and refused sign-ins in the audit log held the typed username (sometimes a
  password typed in the wrong box): that text is replaced with a marker.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REDACTED = "(removed by migration 0003)"


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("account_id", sa.String(40), nullable=True))
        batch.add_column(sa.Column("disabled_at", sa.DateTime, nullable=True))
        batch.add_column(sa.Column("session_generation", sa.Integer, nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("last_sign_in_at", sa.DateTime, nullable=True))
    connection = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String),
                     sa.column("account_id", sa.String))
    for user_id, username in connection.execute(sa.select(users.c.id, users.c.username)).all():
        account_id = new_account_id()
        connection.execute(sa.update(users).where(users.c.id == user_id)
                           .values(account_id=account_id))
        for table in ("cases", "plans", "rehearsals"):
            owned = sa.table(table, sa.column("owner", sa.String))
            connection.execute(sa.update(owned).where(owned.c.owner == username)
                               .values(owner=account_id))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("account_id", existing_type=sa.String(40), nullable=False)
        batch.create_unique_constraint("uq_users_account_id", ["account_id"])
    audit = sa.table("audit_log", sa.column("action", sa.String), sa.column("actor", sa.String),
                     sa.column("object_id", sa.String))
    connection.execute(sa.update(audit)
                       .where(audit.c.action.in_(("sign_in_failed", "sign_in_refused")))
                       .values(actor=REDACTED, object_id=REDACTED))
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("account_key", sa.String(64), nullable=False, index=True),
        sa.Column("client_key", sa.String(64), nullable=False, index=True),
        sa.Column("trusted_device", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sign_in_failures")
    connection = op.get_bind()
    users = sa.table("users", sa.column("username", sa.String), sa.column("account_id", sa.String))
    for username, account_id in connection.execute(
            sa.select(users.c.username, users.c.account_id)).all():
        for table in ("cases", "plans", "rehearsals"):
            owned = sa.table(table, sa.column("owner", sa.String))
            connection.execute(sa.update(owned).where(owned.c.owner == account_id)
                               .values(owner=username))
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_account_id", type_="unique")
        batch.drop_column("last_sign_in_at")
        batch.drop_column("session_generation")
        batch.drop_column("disabled_at")
        batch.drop_column("account_id")


def new_account_id() -> str:
    """As kbs.store.users.new_account_id (a migration does not import the code it migrates)."""
    return "u" + secrets.token_hex(8)
