"""Alembic environment: always run on the connection the app hands over (no ini file)."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app always passes a connection
    raise RuntimeError("SmartPick runs its migrations through core.store.migrate only.")

context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
