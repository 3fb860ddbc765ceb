"""The article library: bundled and imported articles, FTS5 search, bookmarks, highlights.

Modules: ``frontmatter`` (strict YAML-subset header), ``actions`` (``smartpick:`` links),
``render`` (Markdown/HTML/text → HTML and plain text, nh3 sanitising), ``tables`` (SQLAlchemy
rows), ``bundle`` (the shipped Markdown files), ``library`` (sync, list, import), ``search``
(FTS5 queries), ``annotations`` (bookmarks, highlights, reading progress), ``suggest`` (Home's
reading suggestions). Heavy imports (markdown-it, nh3) stay inside functions.
"""
