"""Spending by day this month as a bar chart (textual-plotext)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual_plotext import PlotextPlot


class SpendingChart(PlotextPlot):
    """One bar per day of the month so far."""

    def show(self, days: list[tuple[date, Decimal]], currency: str) -> None:
        """Draw the given days; amounts become floats here only because the plot needs them."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(f"Spending by day ({currency})")
        labels = [str(day.day) for day, _ in days]
        plt.bar(labels, [float(spent) for _, spent in days], marker="hd")
        plt.xticks([1, *range(5, len(labels) + 1, 5)])
        self.refresh()
