"""The dashboard's two charts (QtCharts, from PySide6's Addons): dossiers received and resolved
per day, and the on-time rate per week. Filled from a Dashboard already read off the GUI thread;
a year is 365 points per line, drawn at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from .operations.report import Dashboard

RECEIVED_COLOUR = "#2f6fb3"
RESOLVED_COLOUR = "#1b7f3b"
RATE_COLOUR = "#b36b00"


def _ms(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp() * 1000


def _series(name: str, colour: str, points: Sequence[tuple[date, float]]) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidth(2)
    series.setPen(pen)
    series.setPointsVisible(len(points) <= 31)
    for day, value in points:
        series.append(_ms(day), value)
    return series


class _Chart(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)

    def _show(self, series: list[QLineSeries], top: float, label: str) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        x = QDateTimeAxis()
        x.setFormat("dd/MM")
        y = QValueAxis()
        y.setRange(0, top)
        y.setLabelFormat(label)
        if label == "%d":
            y.applyNiceNumbers()  # whole numbers of dossiers on the ticks
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            chart.addSeries(s)
            s.attachAxis(x)
            s.attachAxis(y)
        if series and series[0].count():
            first, last = series[0].at(0).x(), series[0].at(series[0].count() - 1).x()
            if first == last:
                first, last = first - 43_200_000, last + 43_200_000
            x.setRange(datetime.fromtimestamp(first / 1000), datetime.fromtimestamp(last / 1000))
            x.setTickCount(min(series[0].count() + 1, 8) if series[0].count() > 1 else 2)


class DailyChart(_Chart):
    """Received and resolved per day of the period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tiếp nhận và giải quyết theo ngày"), parent)
        self.setObjectName("chart_days")

    def show_dashboard(self, board: Dashboard) -> None:
        received = [(p.day, p.received) for p in board.days]
        resolved = [(p.day, p.resolved) for p in board.days]
        top = max([v for _, v in received + resolved] + [1])
        self._show(
            [
                _series(self.tr("Tiếp nhận"), RECEIVED_COLOUR, received),
                _series(self.tr("Đã giải quyết"), RESOLVED_COLOUR, resolved),
            ],
            top * 1.1,
            "%d",
        )


class WeeklyChart(_Chart):
    """The on-time rate (per cent) of each week's results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tỷ lệ giải quyết đúng hạn theo tuần (%)"), parent)
        self.setObjectName("chart_weeks")

    def show_dashboard(self, board: Dashboard) -> None:
        points = [
            (max(w.monday, board.first), w.on_time_rate * 100)
            for w in board.weeks
            if w.on_time_rate is not None
        ]
        self._show([_series(self.tr("Đúng hạn"), RATE_COLOUR, points)], 100, "%d%%")
