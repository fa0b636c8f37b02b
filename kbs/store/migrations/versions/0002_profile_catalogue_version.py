"""Each profile records the catalogue version that scored its result.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

Profiles saved before this have none (NULL): `kbs profile show` says so, and still says
whether today's catalogue would score them differently.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("catalogue_version", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("catalogue_version")
