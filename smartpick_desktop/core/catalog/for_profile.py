"""The programs a student's list is chosen among: the profile's specialty plus its backup.

One function for both front ends and the optimizer (``smartpick rank`` / ``optimize``, the
Plan tab): a specialty given by name or alias is resolved to its canonical name first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.catalog.queries import load_programs
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.reference.model import UnknownSpecialtyError


def programs_for_profile(session: Session, profile: Any, *, specialty: str | None = None,
                         with_backup: bool = True) -> list[Program]:
    """The programs of ``specialty`` (default: the profile's), then, with ``with_backup``,
    those of the profile's backup specialty.

    Raises:
        InputError: the specialty is not one SmartPick knows.
    """
    try:
        spec = load_reference().specialty(specialty or profile.specialty)
    except UnknownSpecialtyError as err:
        raise InputError(str(err)) from None
    programs = load_programs(session, specialty=spec.name)
    if with_backup and profile.backup_specialty:
        programs += load_programs(session, specialty=profile.backup_specialty)
    return programs
