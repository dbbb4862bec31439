"""The progress chart: each side's latest statuses by section, as stacked bars (PNG)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from bot.domain.catalog import Catalog
from bot.domain.progress import CATEGORIES, NO_DATA

_COLOURS = {
    "done": "#2e7d32",
    "in_progress": "#1976d2",
    "not_started": "#9e9e9e",
    "postponed": "#f9a825",
    "at_risk": "#c62828",
    NO_DATA: "#e0e0e0",
}


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The chart's words, in the reader's language."""

    title: str
    x_axis: str
    y_axis: str
    categories: dict[str, str]  # status (or no_data) -> its name


def render_chart(roadmap: Catalog, by_section: dict[str, Counter], labels: ChartLabels) -> bytes:
    """Stacked bars by section, one stack per status; PNG bytes.

    Drawn on its own Figure, not through pyplot's global state, so charts built at once in
    several threads do not draw into each other. matplotlib is imported here, on the first
    chart, not when the bot starts: it is large, and most bots never draw one.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    sections = [s.code for s in roadmap.sections]
    figure = Figure(figsize=(9, 5), dpi=110)
    axes = figure.subplots()
    bottoms = [0] * len(sections)
    for category in CATEGORIES:
        values = [by_section.get(code, Counter())[category] for code in sections]
        axes.bar(
            sections,
            values,
            bottom=bottoms,
            label=labels.categories[category],
            color=_COLOURS[category],
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_xlabel(labels.x_axis)
    axes.set_ylabel(labels.y_axis)
    axes.set_title(labels.title)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
