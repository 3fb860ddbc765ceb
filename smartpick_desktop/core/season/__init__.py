"""The application season: season packs (platforms, fee rules, signals, dates, whole-cost items,
match rates, Step 2 CK figures), the season in force, and its steps as of today.

See ``docs/season-packs.md`` for the pack format. Qt-free; the CLI and the GUI call these.
"""

from smartpick_desktop.core.season.costs import (
    CostLine,
    WholeCost,
    set_travel_per_interview,
    travel_per_interview,
    whole_cost,
)
from smartpick_desktop.core.season.pack import SeasonPackError, parse_pack_text, read_pack_file
from smartpick_desktop.core.season.service import (
    SeasonChoice,
    application_fees,
    available_seasons,
    choose_season,
    fee_functions,
    fee_rule_text,
    import_season_pack,
    platform_for,
    season_in_force,
    shipped_seasons,
    specialty_season,
)
from smartpick_desktop.core.season.steps import Step, season_steps, submission_notice
from smartpick_desktop.core.season.types import (
    CostItem,
    MatchRate,
    Platform,
    PlatformFeeRule,
    Season,
    SeasonDate,
    SpecialtySeason,
)

__all__ = [
    "CostItem", "CostLine", "MatchRate", "Platform", "PlatformFeeRule", "Season",
    "SeasonChoice", "SeasonDate", "SeasonPackError", "SpecialtySeason", "Step", "WholeCost",
    "application_fees", "available_seasons", "choose_season", "fee_functions", "fee_rule_text",
    "import_season_pack", "parse_pack_text", "platform_for", "read_pack_file", "season_in_force",
    "season_steps", "set_travel_per_interview", "shipped_seasons", "specialty_season",
    "submission_notice", "travel_per_interview", "whole_cost",
]
