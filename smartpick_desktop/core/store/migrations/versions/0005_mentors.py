"""Mentors: contacts, interactions, letters of recommendation, follow-ups (issue: mentors).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentor_contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("specialty", sa.String(120), nullable=False),
        sa.Column("institution", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("phone", sa.String(80), nullable=False),
        sa.Column("how_met", sa.String(200), nullable=False),
        sa.Column("where_met", sa.String(200), nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("follow_up_on", sa.Date, nullable=True),
        sa.Column("follow_up_note", sa.String(300), nullable=False),
        sa.Column("follow_up_set_on", sa.Date, nullable=True),
        sa.Column("created", sa.Date, nullable=False),
    )
    op.create_table(
        "mentor_interactions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer,
                  sa.ForeignKey("mentor_contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("template", sa.String(40), nullable=False),
    )
    op.create_index("ix_mentor_interactions_contact_kind_date", "mentor_interactions",
                    ["contact_id", "kind", "date"])
    op.create_table(
        "mentor_letters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("writer", sa.String(200), nullable=False),
        sa.Column("contact_id", sa.Integer,
                  sa.ForeignKey("mentor_contacts.id", ondelete="SET NULL"), nullable=True),
        sa.Column("requested", sa.Date, nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("specialty", sa.String(120), nullable=True),
        sa.Column("standardized", sa.Boolean, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("mentor_letters")
    op.drop_index("ix_mentor_interactions_contact_kind_date", table_name="mentor_interactions")
    op.drop_table("mentor_interactions")
    op.drop_table("mentor_contacts")
