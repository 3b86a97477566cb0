"""The History charts on their own: what a screen reader hears, and painting with no data."""

from __future__ import annotations

from nightstretch.core.history_view import WaterDay, WeekBar
from nightstretch.ui.charts import WaterChart, WeekChart
from nightstretch.ui.theme import DAY, NIGHT
from pytestqt.qtbot import QtBot


def test_week_chart_describes_each_week_and_paints_empty(qtbot: QtBot) -> None:
    chart = WeekChart(NIGHT)
    qtbot.addWidget(chart)
    chart.resize(400, 180)
    assert not chart.grab().isNull()  # no weeks yet: only the scale
    chart.set_weeks((WeekBar("16 Nov", 2, 6, 5, 7),))
    chart.set_colors(DAY)
    assert chart.accessibleDescription() == (
        "week of 16 Nov: routine 5 of 7, cramp nights 2 of 6 reported"
    )
    assert not chart.grab().isNull()


def test_water_chart_describes_the_goal_and_the_days(qtbot: QtBot) -> None:
    chart = WaterChart(NIGHT)
    qtbot.addWidget(chart)
    chart.resize(400, 180)
    chart.set_days((WaterDay("Sat 21", 1500, False), WaterDay("Sun 22", 2100, True)), 1800)
    chart.set_colors(DAY)
    assert chart.accessibleDescription() == "Goal 1800 ml. Sat 21: 1500 ml; Sun 22: 2100 ml"
    assert not chart.grab().isNull()
