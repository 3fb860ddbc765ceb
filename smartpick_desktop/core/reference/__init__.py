"""Shipped reference data (published figures with source and year) and its Qt-free loader.

Use :func:`load_reference` (cached) to get a :class:`Reference`; every number in it is a
:class:`Figure` that can :meth:`~Figure.cite` its :class:`Source`. Bad data raises
:class:`ReferenceDataError` naming the file and key.
"""

from smartpick_desktop.core.reference.loader import (
    load_reference,
    read_reference,
    reference_dir,
)
from smartpick_desktop.core.reference.model import Reference, UnknownSpecialtyError
from smartpick_desktop.core.reference.types import (
    APPLICANT_TYPE_LABELS,
    APPLICANT_TYPES,
    MATCHES,
    FeeExample,
    FeeRule,
    FeeTier,
    Figure,
    PositionsYear,
    ReferenceDataError,
    SeasonEvent,
    SignalStudy,
    Source,
    Specialty,
    SurveyFigures,
    normalize_name,
)

__all__ = [
    "APPLICANT_TYPES",
    "APPLICANT_TYPE_LABELS",
    "MATCHES",
    "FeeExample",
    "FeeRule",
    "FeeTier",
    "Figure",
    "PositionsYear",
    "Reference",
    "ReferenceDataError",
    "SeasonEvent",
    "SignalStudy",
    "Source",
    "Specialty",
    "SurveyFigures",
    "UnknownSpecialtyError",
    "load_reference",
    "normalize_name",
    "read_reference",
    "reference_dir",
]
