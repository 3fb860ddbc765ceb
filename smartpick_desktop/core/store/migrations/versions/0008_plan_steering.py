"""Plan steering: locks, undo, program deadlines and checklist items, interviews, criteria.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_locks",
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("mode", sa.String(3), nullable=False),
    )
    op.create_table(
        "plan_undo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
    )
    op.create_table(
        "program_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("done", sa.Boolean, nullable=False),
    )
    op.create_table(
        "interviews",
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("invited_on", sa.Date, nullable=True),
        sa.Column("offered", sa.Text, nullable=False),
        sa.Column("chosen", sa.Date, nullable=True),
        sa.Column("travel_days", sa.Integer, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("scores", sa.Text, nullable=False),
    )
    op.create_table(
        "interview_criteria",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("weight", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for name in ("interview_criteria", "interviews", "program_tasks", "plan_undo", "plan_locks"):
        op.drop_table(name)
