"""Reading the files a student imports: bounded, honestly decoded, strictly parsed.

Every importer reads through :func:`read_limited` (a regular file, at most N bytes, so
``/dev/zero`` or a huge file is refused instead of filling memory), decodes text with
:func:`decode_text` (UTF-8, else clean Windows-1252, never a guess that turns part of the file
into mojibake) and parses JSON with :func:`strict_json` (no NaN/Infinity, no lone surrogates,
no stack overflow on deep nesting).
"""

from __future__ import annotations

import json
import math
import re
import stat
from pathlib import Path
from typing import Any

from smartpick_desktop.core.errors import InputError

#: A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: Bytes Windows-1252 leaves undefined.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def read_limited(path: Path | str, limit: int, what: str = "File") -> bytes:
    """Read a whole regular file of at most ``limit`` bytes.

    Raises:
        InputError: missing, a folder or a device (``/dev/zero``), unreadable or too large.
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            info = Path(path).stat()
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{what} {path}: is a folder, not a file.")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{what} {path}: is not a regular file (a device or a pipe "
                                 "cannot be imported).")
            if info.st_size > limit:
                raise InputError(f"{what} {path}: larger than {_size(limit)}, which is more "
                                 "than SmartPick imports.")
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{what} {path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{what} {path}: is a folder, not a file.") from None
    except OSError as err:
        raise InputError(f"{what} {path}: cannot be read ({err.strerror or err}).") from None
    if len(data) > limit:  # it grew while being read
        raise InputError(f"{what} {path}: larger than {_size(limit)}, which is more than "
                         "SmartPick imports.")
    return data


def read_head(path: Path | str, size: int = 8192) -> bytes:
    """The first ``size`` bytes of a regular file (b"" for anything else), for sniffing."""
    try:
        if not Path(path).is_file():
            return b""
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"


def decode_text(raw: bytes, label: str) -> tuple[str, str]:
    """Decode a text file as one encoding, decided for the whole file; return (text, encoding).

    UTF-8 (with or without BOM) is taken when every byte fits it. Otherwise the file is read as
    Windows-1252 only when it holds no UTF-8 sequence at all: a file with both (part saved as
    UTF-8, part as Windows-1252) would turn one of the parts into garbage, so it is refused.

    Raises:
        InputError: naming ``label`` and what to do (save the file as UTF-8).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, bom = raw[3:], True
    else:
        bom = False
    try:
        return raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as err:
        position = err.start
    if bom or _UTF8_SEQUENCE.search(raw):
        raise InputError(f"{label}: mixes UTF-8 with another encoding (the byte at position "
                         f"{position} is not UTF-8, yet other characters are); save it as "
                         "UTF-8 and import it again.")
    undefined = _CP1252_UNDEFINED.search(raw)
    if undefined:
        raise InputError(f"{label}: is neither UTF-8 nor Windows-1252 text (byte "
                         f"0x{undefined.group()[0]:02X} at position {undefined.start()}); save "
                         "it as UTF-8 and import it again.")
    return raw.decode("cp1252"), "cp1252"


def strict_json(text: str | bytes) -> Any:
    """``json.loads`` that refuses NaN/Infinity and lone surrogates, and turns deep nesting
    into a ValueError (integers past 4,300 digits are a ValueError already).

    Raises:
        ValueError: the text is not strict JSON (the message says why).
    """
    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        value = json.loads(text, parse_constant=no_constant)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    check_json_value(value)
    return value


def check_json_value(value: Any) -> None:
    """Refuse non-finite numbers and lone surrogates anywhere in a decoded JSON value.

    Raises:
        ValueError: naming what is wrong.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("it holds a number that is not finite (NaN or infinity)")
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, dict):
            for key in item:
                check_text(str(key))
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def check_text(text: str) -> None:
    """Refuse text that cannot be stored (a lone UTF-16 surrogate, e.g. from UTF-7).

    Raises:
        ValueError: the text holds a lone surrogate.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("it holds a broken character (a lone UTF-16 surrogate)") from None
