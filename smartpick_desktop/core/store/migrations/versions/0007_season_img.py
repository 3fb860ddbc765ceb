"""IMG eligibility fields of a program: graduation-year cutoff and failed-attempt limit
(issue 13). Season packs live in the settings table and need no schema.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(sa.Column("grad_year_cutoff", sa.Integer, nullable=True))
        batch.add_column(sa.Column("max_failed_attempts", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("max_failed_attempts")
        batch.drop_column("grad_year_cutoff")
