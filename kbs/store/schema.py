"""The tables. Rasa's tracker store owns a table called `events`: no table here uses it."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# A practitioner is identified by their account's account_id, made once and never given to
# another account (migration 0003); "owner" columns hold it (before sign-in existed, they held
# the conversation). The username is only what they sign in with.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", String(40), nullable=False),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(80), nullable=False, default="practitioner"),
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime),  # a closed account: no sign-in, no CLI as its owner
    # Raised to end every session of the account (sign-out, password change or reset,
    # disabling): a session cookie carries the generation it was made in.
    Column("session_generation", Integer, nullable=False, default=0, server_default="0"),
    Column("last_sign_in_at", DateTime),
    UniqueConstraint("account_id", name="uq_users_account_id"),
)

# Recent failed sign-ins, for the back-off (kbs.accounts.backoff): keyed hashes of the typed
# name and of the client (never the text typed), and whether the client held a device cookie
# of that account. Rows older than a day are deleted as new ones come.
sign_in_failures = Table(
    "sign_in_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("account_key", String(64), nullable=False, index=True),
    Column("client_key", String(64), nullable=False, index=True),
    Column("trusted_device", Boolean, nullable=False),
)

cases = Table(
    "cases", metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False),  # pseudonymous, chosen by the owner
    Column("owner", String(120), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("owner", "reference", name="uq_cases_owner_reference"),
)

profiles = Table(
    "profiles", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # in_progress | complete
    Column("answers", JSON, nullable=False),  # the answers (docs/PROFILE-FORMAT.md)
    Column("result", JSON),  # the engine's output once scored
    # kbs.engine.catalogue_version() of the catalogue that scored result (NULL: before 0002)
    Column("catalogue_version", String(40)),
    Column("started_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("completed_at", DateTime),
    UniqueConstraint("case_id", "version", name="uq_profiles_case_version"),
)

plans = Table(
    "plans", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id"), index=True),  # null: not saved to a case
    Column("owner", String(120), nullable=False, index=True),
    Column("kind", String(40), nullable=False),  # safer_sleep | safe_handling
    Column("content", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

rehearsals = Table(
    "rehearsals", metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String(120), nullable=False, index=True),
    Column("persona", String(80), nullable=False),
    Column("transcript", JSON, nullable=False),
    Column("feedback", JSON),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(40), nullable=False),  # e.g. viewed, exported, denied
    Column("object_type", String(40), nullable=False),
    Column("object_id", String(80), nullable=False),
    Column("detail", Text),
)
