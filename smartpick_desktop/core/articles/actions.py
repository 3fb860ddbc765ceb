"""Action links inside articles: ``smartpick:<kind>/<argument>`` (see docs/ARTICLES.md)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

SCHEME = "smartpick"
TEMPLATE_KEYS = ("peer_mentor", "research_inquiry", "thank_you", "advice_follow_up",
                 "letter_request", "post_match_update")
SCREENS = ("home", "programs", "plan", "articles", "mentors", "profile")
KINDS = ("template", "checklist", "article", "screen")
_MAX_ARG = 300


@dataclass(frozen=True)
class Action:
    """One in-app action: ``kind`` is template | checklist | article | screen."""

    kind: str
    argument: str

    @property
    def url(self) -> str:
        from urllib.parse import quote

        return f"{SCHEME}:{self.kind}/{quote(self.argument, safe='-_')}"


def is_action_url(url: str) -> bool:
    return url.lower().startswith(f"{SCHEME}:")


def parse_action(url: str) -> Action | None:
    """Return the action of a ``smartpick:`` URL, or None when the kind or argument is unknown.

    Article slugs are checked for shape only (the library knows whether one exists).
    """
    if not is_action_url(url):
        return None
    rest = url[len(SCHEME) + 1:]
    kind, sep, raw = rest.partition("/")
    if not sep or kind not in KINDS:
        return None
    argument = " ".join(unquote(raw).split())
    if not argument or len(argument) > _MAX_ARG:
        return None
    if kind == "template" and argument not in TEMPLATE_KEYS:
        return None
    if kind == "screen" and argument not in SCREENS:
        return None
    if kind == "article" and not all(c.isalnum() or c in "-_" for c in argument):
        return None
    return Action(kind, argument)
