"""SmartPick Desktop: an offline residency application planner."""

__version__ = "0.1.0"
APP_NAME = "SmartPick"
ORG_NAME = "SmartPick"
