"""Articles: library, FTS5 index, bookmarks, highlights, reading progress (issue: article reader).

``articles_fts`` is an FTS5 external-content index over ``articles`` (title, summary, tags, plain),
kept in step by triggers, so every insert/update/delete of an article row re-indexes it.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_FTS_COLUMNS = "title, summary, tags, plain"
_NEW = "new.title, new.summary, new.tags, new.plain"
_OLD = "old.title, old.summary, old.tags, old.plain"


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("reading_time", sa.Integer, nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("fmt", sa.String(10), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("plain", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("file_name", sa.Text, nullable=True),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "article_bookmarks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_article_bookmarks_article_id", "article_bookmarks", ["article_id"])
    op.create_table(
        "article_highlights",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_article_highlights_article_id", "article_highlights", ["article_id"])
    op.create_table(
        "article_progress",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({_FTS_COLUMNS}, content='articles', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
        f"INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {_OLD}); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {_OLD}); "
        f"INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_NEW}); END"
    )


def downgrade() -> None:
    for trigger in ("articles_fts_au", "articles_fts_ad", "articles_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index("ix_article_highlights_article_id", "article_highlights")
    op.drop_table("article_highlights")
    op.drop_index("ix_article_bookmarks_article_id", "article_bookmarks")
    op.drop_table("article_bookmarks")
    op.drop_table("article_progress")
    op.drop_table("articles")
