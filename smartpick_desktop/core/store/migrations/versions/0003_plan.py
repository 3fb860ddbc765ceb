"""Plans: the chosen list, signals and the rank order list (issue: model and optimiser).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("specialty", sa.String(100), nullable=False),
        sa.Column("backup_specialty", sa.String(100), nullable=True),
        sa.Column("p_match", sa.Float, nullable=False),
        sa.Column("expected_interviews", sa.Float, nullable=False),
        sa.Column("fee_usd", sa.Integer, nullable=False),
        sa.Column("max_apps", sa.Integer, nullable=True),
        sa.Column("budget_usd", sa.Integer, nullable=True),
        sa.Column("details", sa.Text, nullable=False),
    )
    op.create_table(
        "plan_items",
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("signal", sa.String(10), nullable=True),
    )
    op.create_table(
        "rank_order",
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rank_order")
    op.drop_table("plan_items")
    op.drop_table("plans")
