"""The project's records: cases, dated profiles, plans, rehearsals, users and the audit log.

SQLAlchemy 1.4 (2.0-style API) on SQLite by default, PostgreSQL by URL
(KBS_DATABASE_URL); the schema is kept by Alembic migrations. Names of children or
carers are never stored: a case has a pseudonymous reference chosen by the practitioner.
"""
