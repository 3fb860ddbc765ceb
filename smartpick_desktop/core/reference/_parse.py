"""Validated reading of one reference JSON file: its sources and its figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

from smartpick_desktop.core.reference.types import Figure, ReferenceDataError, Source

_MIN_YEAR, _MAX_YEAR = 1950, 2100


class FileReader:
    """Reads one reference file and raises :class:`ReferenceDataError` naming file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.data: dict[str, Any] = {}
        self.sources: dict[str, Source] = {}

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ReferenceDataError(
            f"Reference file {self.name}, key {key}: {problem}.", file=self.name, key=key
        )

    def load(self) -> dict[str, Any]:
        """Parse the file and its ``sources`` map."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail("(file)", f"the file is missing (looked in {self.path.parent})")
        except UnicodeDecodeError:
            self.fail("(file)", "the file is not UTF-8 text")
        except json.JSONDecodeError as err:
            self.fail("(file)", f"invalid JSON at line {err.lineno}, column {err.colno}")
        self.data = self.mapping(data, "(top level)")
        sources = self.mapping(self.data.get("sources"), "sources")
        self.sources = {sid: self.source(sid, raw) for sid, raw in sources.items()}
        return self.data

    # -- primitives -------------------------------------------------------------------------

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, "expected an object")
        return value

    def items(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(key, "expected a list")
        return value

    def text(self, obj: dict[str, Any], field: str, key: str, *, optional: bool = False) -> Any:
        value = obj.get(field)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key}.{field}", "expected non-empty text")
        return value

    def integer(self, obj: dict[str, Any], field: str, key: str, *, optional: bool = False) -> Any:
        value = obj.get(field)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{key}.{field}", f"expected a whole number, got {value!r}")
        return value

    def flag(self, obj: dict[str, Any], field: str, key: str, default: bool = False) -> bool:
        value = obj.get(field, default)
        if not isinstance(value, bool):
            self.fail(f"{key}.{field}", f"expected true or false, got {value!r}")
        return value

    def year(self, obj: dict[str, Any], key: str, *, required: bool = True) -> int | None:
        if required and "year" not in obj:
            self.fail(f"{key}.year", "every figure needs a year (null only with a note)")
        value = obj.get("year")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{key}.year", f"expected a whole year such as 2025, got {value!r}")
        if not _MIN_YEAR <= value <= _MAX_YEAR:
            self.fail(f"{key}.year", f"year {value} is out of range")
        return value

    def source_ref(self, obj: dict[str, Any], key: str) -> Source:
        sid = obj.get("source")
        if not isinstance(sid, str) or not sid:
            self.fail(f"{key}.source", "every figure needs a source id")
        if sid not in self.sources:
            self.fail(f"{key}.source", f"unknown source id '{sid}' (not in this file's sources)")
        return self.sources[sid]

    # -- records ----------------------------------------------------------------------------

    def source(self, sid: str, raw: Any) -> Source:
        key = f"sources.{sid}"
        obj = self.mapping(raw, key)
        return Source(
            id=sid,
            title=self.text(obj, "title", key),
            publisher=self.text(obj, "publisher", key),
            year=self.year(obj, key),
            url=self.text(obj, "url", key, optional=True),
            secondary=self.flag(obj, "secondary", key),
            uncertain=self.flag(obj, "uncertain", key),
        )

    def figure(self, raw: Any, key: str, *, fraction: bool = False, text: bool = False) -> Figure:
        """A figure object ``{"value", "year", "source", ...}``; ``fraction`` checks 0..1."""
        obj = self.mapping(raw, key)
        value = obj.get("value")
        if text:
            if not isinstance(value, str) or not value.strip():
                self.fail(f"{key}.value", "expected non-empty text")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{key}.value", f"expected a number, got {value!r}")
        unit = self.text(obj, "unit", key, optional=True)
        if fraction or unit == "fraction":
            unit = "fraction"
            if not 0 <= value <= 1:
                self.fail(f"{key}.value", f"a fraction must be between 0 and 1, got {value!r}")
        source = self.source_ref(obj, key)
        year = self.year(obj, key)
        note = self.text(obj, "note", key, optional=True)
        if year is None and note is None:
            self.fail(f"{key}.year", "a figure without a year needs a note saying why")
        return Figure(
            value=value,
            year=year,
            source_id=source.id,
            source=source,
            secondary=self.flag(obj, "secondary", key, default=source.secondary),
            estimated=self.flag(obj, "estimated", key),
            note=note,
            unit=unit,
        )

    def optional_figure(
        self, obj: dict[str, Any], field: str, key: str, **kw: bool
    ) -> Figure | None:
        raw = obj.get(field)
        return None if raw is None else self.figure(raw, f"{key}.{field}", **kw)

    def figures(self, raw: Any, key: str, **kw: bool) -> dict[str, Figure]:
        """A map of key -> figure."""
        return {k: self.figure(v, f"{key}.{k}", **kw) for k, v in self.mapping(raw, key).items()}
