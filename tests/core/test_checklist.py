"""The action checklist kept in the store."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.checklist import add_item, list_items, remove_item, set_done
from smartpick_desktop.core.errors import InputError


def test_add_dedupes_and_marks_done(store):
    with store.session() as session:
        first = add_item(session, "Ask two  faculty for letters", "Article: Letters")
        again = add_item(session, "ask two faculty for letters", "By hand")
        assert again.id == first.id
        add_item(session, "Draft personal statement", "By hand")
        set_done(session, first.id, True)
    with store.session() as session:
        items = list_items(session)
    assert [i.text for i in items] == ["Ask two faculty for letters", "Draft personal statement"]
    assert items[0].done and not items[1].done


def test_remove_and_reject_empty(store):
    with store.session() as session:
        item = add_item(session, "Book a meeting", "By hand")
        remove_item(session, item.id)
        assert list_items(session) == []
        with pytest.raises(InputError):
            add_item(session, "   ", "By hand")
