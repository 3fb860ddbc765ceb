"""Programs catalog: data packs, programs, provenance and user fields (issue: Programs).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("season", sa.String(40), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("licence", sa.Text, nullable=False),
        sa.Column("imported", sa.String(10), nullable=False),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer,
                  sa.ForeignKey("catalog_sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("match_key", sa.String(400), nullable=False),
        sa.Column("acgme_id", sa.String(10), nullable=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("institution", sa.String(300), nullable=False),
        sa.Column("specialty", sa.String(100), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("state", sa.String(2), nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("setting", sa.String(30), nullable=True),
        sa.Column("positions", sa.Integer, nullable=True),
        sa.Column("share_md", sa.Float, nullable=True),
        sa.Column("share_do", sa.Float, nullable=True),
        sa.Column("share_img", sa.Float, nullable=True),
        sa.Column("visa_j1", sa.Boolean, nullable=True),
        sa.Column("visa_h1b", sa.Boolean, nullable=True),
        sa.Column("min_step2", sa.Integer, nullable=True),
        sa.Column("typical_step2", sa.Integer, nullable=True),
        sa.Column("interviews_per_year", sa.Integer, nullable=True),
        sa.Column("signals_accepted", sa.Boolean, nullable=True),
        sa.Column("website", sa.String(500), nullable=False),
        sa.Column("reputation", sa.Float, nullable=True),
        sa.Column("is_demo", sa.Boolean, nullable=False),
        sa.Column("provenance", sa.Text, nullable=False),
    )
    op.create_index("ix_programs_source_id", "programs", ["source_id"])
    op.create_index("ix_programs_match_key", "programs", ["match_key"])
    op.create_index("ix_programs_specialty", "programs", ["specialty"])
    op.create_index("ix_programs_state", "programs", ["state"])
    op.create_table(
        "program_user",
        sa.Column("program_key", sa.String(400), primary_key=True),
        sa.Column("stars", sa.Integer, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_dates", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("program_user")
    op.drop_index("ix_programs_state", "programs")
    op.drop_index("ix_programs_specialty", "programs")
    op.drop_index("ix_programs_match_key", "programs")
    op.drop_index("ix_programs_source_id", "programs")
    op.drop_table("programs")
    op.drop_table("catalog_sources")
