"""The tables. Rasa's tracker store owns a table called `events`: no table here uses it."""

from sqlalchemy import (
    JSON,
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

# A practitioner is identified by the name they sign in with (or, before sign-in exists,
# by the conversation); "owner" columns hold that identifier.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(80), nullable=False, default="practitioner"),
    Column("created_at", DateTime, nullable=False),
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
