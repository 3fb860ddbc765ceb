"""The declarative base every table of the store derives from."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Base class of all SmartPick tables (each feature keeps its tables in its own package)."""
