"""The postal page's lists of a day: results to deliver and dossiers to pick up, grouped by ward,
and what is overdue with the post; the tabs show the counts of the same rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from onestop.ui.common import day_text, status_label
from onestop.ui.operations.postal import DayLists, DeliveryItem, ListItem, PickupItem

PHONE_COLUMN = 2
ADDRESS_COLUMN = 3
ADDRESS_WIDTH = 280


class DayListsView(QTabWidget):
    """Three tabs: delivery, pickup, overdue. ``current``: the lists shown (None before the
    first load). A row's item carries its typed list item (Qt.UserRole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: DayLists | None = None
        self.delivery_tree = self._tree(self.tr("Mã hồ sơ"))
        self.pickup_tree = self._tree(self.tr("Mã yêu cầu / hồ sơ"))
        self.overdue_table = QTableWidget(0, 6, self)
        self.overdue_table.setHorizontalHeaderLabels(
            [
                self.tr("Loại"),
                self.tr("Mã"),
                self.tr("Họ tên"),
                self.tr("Số hiệu bưu gửi"),
                self.tr("Từ ngày"),
                self.tr("Lý do"),
            ]
        )
        self.overdue_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue_table.horizontalHeader().setStretchLastSection(True)
        self.addTab(self.delivery_tree, self.tr("Phát kết quả"))
        self.addTab(self.pickup_tree, self.tr("Thu gom hồ sơ"))
        self.addTab(self.overdue_table, self.tr("Quá hạn với bưu điện"))

    def _tree(self, first: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setColumnCount(6)
        tree.setHeaderLabels(
            [
                first,
                self.tr("Họ tên"),
                self.tr("Điện thoại"),
                self.tr("Địa chỉ"),
                self.tr("Số hiệu bưu gửi"),
                self.tr("Trạng thái"),
            ]
        )
        tree.setRootIsDecorated(True)
        tree.setAlternatingRowColors(True)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return tree

    # --- what may be handed over ------------------------------------------------------------

    def waiting(self, kind: str) -> dict[str, ListItem]:
        """What may be handed over now, by upper-cased reference."""
        if self.current is None:
            return {}
        if kind == "pickup":
            return {r.ref.upper(): r for r in self.current.pickup if r.status == "requested"}
        return {r.ref.upper(): r for r in self.current.delivery if r.status == "result_ready"}

    def selected_pickup(self) -> PickupItem | None:
        """The pickup request selected on its list, when the post has not collected it yet."""
        item = self.pickup_tree.currentItem()
        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return row if isinstance(row, PickupItem) and row.status == "requested" else None

    # --- showing ----------------------------------------------------------------------------

    def show_lists(self, lists: DayLists) -> None:
        """Rows and counts from the same lists, so that they always agree."""
        self.current = lists
        self._fill_delivery(lists.delivery)
        self._fill_pickup(lists.pickup)
        self._fill_overdue()
        self.setTabText(0, self.tr("Phát kết quả ({0} chờ giao)").format(lists.waiting_delivery))
        self.setTabText(1, self.tr("Thu gom hồ sơ ({0} chờ nhận)").format(lists.waiting_pickup))
        self.setTabText(2, self.tr("Quá hạn với bưu điện ({0})").format(len(lists.overdue)))

    def _fill_delivery(self, rows: Sequence[DeliveryItem]) -> None:
        def cells(r: DeliveryItem) -> list[str]:
            status = status_label(r.status)
            if r.next_attempt_on:
                status += self.tr(" · phát lại {0}").format(day_text(r.next_attempt_on))
            return [r.ref, r.name, r.phone or "", r.address, r.consignment or "", status]

        _fill(self.delivery_tree, [(r, cells(r)) for r in rows])

    def _fill_pickup(self, rows: Sequence[PickupItem]) -> None:
        # A request shows its dossier's code once received; its statuses are the postal
        # service's own, labelled by it.
        _fill(
            self.pickup_tree,
            [
                (
                    r,
                    [
                        r.code or r.ref,
                        r.name,
                        r.phone or "",
                        r.address,
                        r.consignment or "",
                        r.status_label,
                    ],
                )
                for r in rows
            ],
        )

    def _fill_overdue(self) -> None:
        rows = self.current.overdue if self.current is not None else ()
        table = self.overdue_table
        table.setRowCount(len(rows))
        kinds = {"delivery": self.tr("Phát"), "pickup": self.tr("Thu gom")}
        for i, r in enumerate(rows):
            values = [
                kinds.get(r.kind, r.kind),
                r.ref,
                r.name,
                r.consignment or "",
                day_text(r.since),
                r.reason,
            ]
            for j, v in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(v))
        table.resizeColumnsToContents()


def _fill(tree: QTreeWidget, rows: Sequence[tuple[ListItem, list[str]]]) -> None:
    """The rows under one bold heading per commune (by code), each heading counting its rows."""
    tree.clear()
    wards: dict[tuple[str | None, str], QTreeWidgetItem] = {}
    for row, cells in rows:
        key = (row.commune_code, row.ward)
        parent = wards.get(key)
        if parent is None:
            parent = QTreeWidgetItem(tree, [row.ward])
            parent.setFirstColumnSpanned(True)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            wards[key] = parent
        item = QTreeWidgetItem(parent, cells)
        item.setData(0, Qt.ItemDataRole.UserRole, row)
        item.setToolTip(ADDRESS_COLUMN, row.address)
    for (_code, ward), parent in wards.items():
        parent.setText(0, f"{ward} ({parent.childCount()})")
    tree.expandAll()
    for column in range(tree.columnCount()):
        tree.resizeColumnToContents(column)
    # A long address would push the S10 and status off a 1366-pixel screen: it is cut (whole
    # in its tooltip); the phone sits before it, always in view.
    tree.setColumnWidth(ADDRESS_COLUMN, min(tree.columnWidth(ADDRESS_COLUMN), ADDRESS_WIDTH))
