"""Names vulture cannot see used, for ``tests/test_dead_code.py`` (read by vulture, never imported).

Only false positives belong here: code that Qt, the standard library, reportlab or Alembic call
by name, classes loaded by name, and members the tests read to drive or check a widget. A
function nothing calls is deleted, not listed.
"""


class _AnyObject:
    def __getattr__(self, name: str) -> None:
        return None


_ = _AnyObject()

CALLED_BY_FRAMEWORKS = [
    # Qt virtual methods (widgets, item models, proxies, delegates, wizard pages).
    _.sizeHint, _.paintEvent, _.filterAcceptsRow, _.createEditor, _.setEditorData,
    _.setModelData, _.isComplete, _.initializePage, _.loadResource, _.sibling, _.hasChildren,
    _.mapToSource,
    # html.parser.HTMLParser callbacks (core/articles/render.py).
    _.handle_starttag, _.handle_endtag, _.handle_data,
    # reportlab calls it after each flowable (core/plan/pdf.py).
    _.afterFlowable,
    # Alembic runs a migration's downgrade() (core/store/migrations/versions).
    _.downgrade,
]

LOADED_BY_NAME = [
    # ui/tabs.py imports each tab class lazily from its module and class name.
    _.HomeTab, _.ProgramsTab, _.PlanTab, _.ArticlesTab, _.MentorsTab, _.ProfileTab,
]

READ_BY_TESTS = [
    # Widget members the pytest-qt tests use to wait for, click or read a widget.
    _.loaded,  # ui/programs/tab.py: the table has its first rows
    _.ok_button,  # ui/mentors/dialogs.py
    _.search_hit_count,  # ui/articles/reader.py
    _.tick,  # ui/plan/compare_page.py: tick programs to compare
    # Inverse functions and look-ups the core tests check results against.
    _.parse_mailto,  # core/mentors/mailto.py: mailto_url round trips
    _.get_contact,  # core/mentors/contacts.py
    _.eras_fee,  # core/reference/model.py: the AAMC worked examples of the fee rule
    _.match_rates_year,  # core/season/types.py: the shipped packs agree with the reference
]
