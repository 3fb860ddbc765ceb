"""The Programs tab's search box, filter menus, column chooser and count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import SETTINGS, STATUSES
from smartpick_desktop.core.states import REGIONS, US_STATES
from smartpick_desktop.ui.programs.proxy import Filters
from smartpick_desktop.ui.programs.table_model import COLUMNS, TIER_LABELS

ALL_SPECIALTIES = "All specialties"


class FilterBar(QWidget):
    """Two rows: the search box and count, then one menu per filter and "Columns".

    Signals:
        filters_changed: a menu changed (the search box has its own ``search.textChanged``).
    """

    filters_changed = Signal()

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self._bar = QHBoxLayout()
        rows.addLayout(top)
        rows.addLayout(self._bar)
        self.search = QLineEdit()
        self.search.setObjectName("programs_search")
        self.search.setPlaceholderText("Search programs, institutions, cities, tags, notes…")
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)

        self.specialty_box = self._combo("specialty", [(ALL_SPECIALTIES, "")])
        places = [("Anywhere", "")] + [(f"{r} (region)", r) for r in REGIONS]
        places += [(f"{name} ({code})", code) for code, name in sorted(
            US_STATES.items(), key=lambda kv: kv[1])]
        self.place_box = self._combo("place", places)
        self.setting_box = self._combo("setting", [("Any setting", "")]
                                       + [(v, k) for k, v in SETTINGS.items()])
        self.visa_box = self._combo("visa", [("Any visa", ""), ("Sponsors a visa", "any"),
                                             ("Sponsors J-1", "j1"), ("Sponsors H-1B", "h1b")])
        self.tier_box = self._combo("tier", [("Any tier", "")]
                                    + [(v, k) for k, v in TIER_LABELS.items()])
        self.status_box = self._combo("status", [("Any status", "")]
                                      + [(v, k) for k, v in STATUSES.items()])
        self.source_box = self._combo("source", [("All sources", ""), ("Demo programs", "demo"),
                                                 ("My programs", "mine")])
        self.columns_button = QToolButton()
        self.columns_button.setText("Columns")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self)
        self.columns_menu.aboutToShow.connect(self.fill_columns_menu)
        self.columns_button.setMenu(self.columns_menu)
        self.columns_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._bar.addWidget(self.columns_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("programs_count")
        top.addWidget(self.count_label)

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"filter_{name}")
        for label, value in items:
            box.addItem(label, value)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        box.currentIndexChanged.connect(self._on_box_changed)
        self._bar.addWidget(box, 1)
        fit_current_text(box)
        return box

    @Slot(int)
    def _on_box_changed(self, _index: int) -> None:
        fit_current_text(self.sender())
        self.filters_changed.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the menus' texts grew
            for box in self.boxes():
                fit_current_text(box)

    def filters(self) -> Filters:
        return Filters(text=self.search.text().strip(),
                       specialty=self.specialty_box.currentData() or "",
                       place=self.place_box.currentData() or "",
                       setting=self.setting_box.currentData() or "",
                       visa=self.visa_box.currentData() or "",
                       tier=self.tier_box.currentData() or "",
                       status=self.status_box.currentData() or "",
                       source=self.source_box.currentData() or "")

    def boxes(self) -> list[QComboBox]:
        return [self.specialty_box, self.place_box, self.setting_box, self.visa_box,
                self.tier_box, self.status_box, self.source_box]

    def clear_filters(self) -> None:
        """Empty the search and set every menu to its first ("All" or "Any") choice."""
        for box in self.boxes():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
            fit_current_text(box)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    def set_specialties(self, names: list[str], chosen: str) -> bool:
        """Offer ``names``, keeping ``chosen`` selected; False when they were offered already."""
        box = self.specialty_box
        if [box.itemData(i) for i in range(1, box.count())] == names:
            return False
        box.blockSignals(True)
        box.clear()
        box.addItem(ALL_SPECIALTIES, "")
        for name in names:
            box.addItem(name, name)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)
        fit_current_text(box)
        return True

    @Slot()
    def fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for i, column in enumerate(COLUMNS):
            action = self.columns_menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self._choose_column(i, on))

    def _choose_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        chosen = getattr(self.table, "chosen_columns", None)
        if chosen is not None:
            chosen.add(column)


def fit_current_text(box: QComboBox | None) -> None:
    """Never narrower than its chosen text ("Internal Medicine" whole at 1024 wide)."""
    if not isinstance(box, QComboBox):
        return
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    text = box.fontMetrics().horizontalAdvance(box.currentText()) + 4
    size = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                        QSize(text, box.fontMetrics().height()), box)
    box.setMinimumWidth(size.width())
