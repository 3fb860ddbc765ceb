"""What a clicked or hovered link in an article does: in-app actions, anchors, external links."""

from __future__ import annotations

from collections.abc import Callable

from smartpick_desktop.core import checklist
from smartpick_desktop.core.articles.actions import Action, parse_action
from smartpick_desktop.core.articles.render import link_kind
from smartpick_desktop.core.mentors.templates import TEMPLATES
from smartpick_desktop.ui.articles.reader import ReaderView
from smartpick_desktop.ui.context import AppContext


class LinkHandler:
    """Follows the reader's links for the Articles tab.

    Args:
        ctx: the application context; reader: the reader view.
        current_title: returns the open article's title ("" when none).
        open_slug: opens another article by its slug.
    """

    def __init__(self, ctx: AppContext, reader: ReaderView, current_title: Callable[[], str],
                 open_slug: Callable[[str], bool]) -> None:
        self.ctx = ctx
        self.reader = reader
        self.current_title = current_title
        self.open_slug = open_slug

    def follow(self, href: str) -> None:
        """Handle a clicked link: in-app action, in-page anchor, or an external link shown only."""
        kind = link_kind(href)
        if kind == "action":
            self.run_action(parse_action(href))
        elif kind == "anchor":
            self.reader.scrollToAnchor(href[1:])
        elif kind == "external":
            self.ctx.status_message.emit(f"External link, not opened: {href}")
        else:
            self.ctx.status_message.emit("This link is not supported and was not opened.")

    def hover(self, href: str) -> None:
        """Explain the link under the mouse in a tooltip and the status bar."""
        if not href:
            return
        kind = link_kind(href)
        if kind == "external":
            text = f"External link, not opened: {href}"
        elif kind == "action":
            text = describe_action(parse_action(href))
        else:
            return
        self.reader.setToolTip(text)
        self.ctx.status_message.emit(text)

    def run_action(self, action: Action) -> None:
        """Do what an article's action link says."""
        if action.kind == "template":
            self.ctx.navigate("mentors", {"template": action.argument})
        elif action.kind == "checklist":
            title = self.current_title()
            origin = f"Article: {title}" if title else "Article"
            with self.ctx.store.session() as session:
                checklist.add_item(session, action.argument, origin)
            self.ctx.plan_changed.emit()
            self.ctx.status_message.emit(f"Added to your checklist on Home: {action.argument}")
        elif action.kind == "article":
            self.open_slug(action.argument)
        elif action.kind == "screen" and action.argument != "articles":
            self.ctx.navigate(action.argument)


def describe_action(action: Action) -> str:
    if action.kind == "template":
        template = TEMPLATES.get(action.argument)
        name = template.title if template else action.argument
        return f"Opens the email template “{name}” in Mentors"
    if action.kind == "checklist":
        return f"Adds to your plan: {action.argument}"
    if action.kind == "article":
        return "Opens another article"
    return f"Opens the {action.argument.capitalize()} tab"
