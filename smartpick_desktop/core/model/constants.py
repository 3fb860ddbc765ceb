"""The model's constants (``resources/reference/model.json``), each a Figure with its source."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from smartpick_desktop.core.reference import Figure, load_reference
from smartpick_desktop.core.reference._parse import FileReader
from smartpick_desktop.core.resources import resource_path

AVERAGE_SPECIALTY = "Internal Medicine"
"""The specialty taken as the average one (interview offset 0) when other specialties' levels
are set from surveys of applications and interviews: its 34.8 applications per US graduate
(AAIM 2016) are close to the 36.4 average of all specialties (2014 survey)."""

SURVEY_LEVELS = "smartpick_survey_levels"
"""Source id of the interview offsets set from the survey (not from individual outcomes)."""


@dataclass(frozen=True)
class ModelConstants:
    """Named model constants plus the published figures the model reads from core.reference."""

    figures: dict[str, Figure]

    def __getitem__(self, key: str) -> float:
        return float(self.figures[key].value)

    def figure(self, key: str) -> Figure:
        return self.figures[key]

    @property
    def step2_sd(self) -> float:
        return float(load_reference().applications["step2_sd"].value)

    @property
    def step2_overall_mean(self) -> float:
        return float(load_reference().applications["step2_overall_mean"].value)

    def type_offset(self, applicant_type: str) -> float:
        """Interview-step offset of an applicant type (US MD = 0)."""
        return self[f"type_offset_{applicant_type}"]

    def match_type_offset(self, applicant_type: str) -> float:
        """Match-step offset of an applicant type (US MD = 0), apart from the interview step's."""
        key = f"match_type_offset_{applicant_type}"
        return self[key] if key in self.figures else 0.0

    def specialty_interview_offset(self, specialty: str) -> float:
        """Interview-step offset of a specialty against the average specialty
        (``interview_offset_<slug>``); 0 where no figure sets one."""
        key = f"interview_offset_{specialty_slug(specialty)}"
        return self[key] if key in self.figures else 0.0

    def specialty_interview_figure(self, specialty: str) -> Figure | None:
        """The figure behind a specialty's interview offset, or None (the average level)."""
        return self.figures.get(f"interview_offset_{specialty_slug(specialty)}")

    def interview_level_basis(self, specialty: str) -> str:
        """What a specialty's interview level rests on: ``outcomes`` (fitted on individual
        outcomes), ``survey`` (published applications and interviews by specialty, against
        ``AVERAGE_SPECIALTY``) or ``average`` (no figure of its own)."""
        fig = self.specialty_interview_figure(specialty)
        if fig is None:
            return "average"
        return "survey" if fig.source_id == SURVEY_LEVELS else "outcomes"

    def specialty_match_offset(self, specialty: str, applicant_type: str) -> float:
        """Match-step offset of a specialty (categorical positions), for US graduates or IMGs
        where fitted separately; 0 for a specialty with no individual evidence."""
        slug = specialty_slug(specialty)
        group = "img" if applicant_type in ("us_img", "non_us_img") else "us"
        for key in (f"match_offset_{slug}_{group}", f"match_offset_{slug}"):
            if key in self.figures:
                return self[key]
        return 0.0

    @property
    def match_logit(self) -> float:
        """Match log-odds after an interview for an applicant of strength 0 at a program of the
        same level, before the factors u and v (``match_intercept``, calibrated)."""
        return self["match_intercept"]

    def signal_multiplier(self, level: str) -> float:
        """Odds multiplier of a signal: ``gold``/``silver`` (tiered specialties) or ``signal``."""
        if level == "gold":
            return self["signal_gold"]
        if level == "silver":
            return self["signal_silver"]
        return float(load_reference().signal_odds_multiplier.value)

    def signal_figure(self, level: str) -> Figure:
        if level in ("gold", "silver"):
            return self.figures[f"signal_{level}"]
        return load_reference().signal_odds_multiplier


def specialty_slug(name: str) -> str:
    """"General Surgery" -> "general_surgery" (keys of specialty constants)."""
    return "_".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())


def read_constants(path=None) -> ModelConstants:
    """Read and validate model.json (raises ReferenceDataError naming file and key)."""
    reader = FileReader(path or resource_path("reference", "model.json"))
    reader.load()
    return ModelConstants(reader.figures(reader.data.get("constants"), "constants"))


@functools.lru_cache(maxsize=1)
def load_constants() -> ModelConstants:
    """The shipped model constants (cached)."""
    return read_constants()
