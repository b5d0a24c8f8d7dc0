"""Charts drawn on the server as SVG geometry; templates/dashboard/includes/ draws them.

Only numbers and labels leave this module: the templates escape every label, and every
chart is followed by a table of the same data (WCAG 1.1.1), so nothing depends on seeing it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import vn_number

WIDTH = 400
HEIGHT = 240
LEFT = 44  # room for the axis labels
RIGHT = 12
TOP = 16
BOTTOM = 40


def nice_max(value):
    """The smallest 1/2/5 × 10^n at or above ``value`` (at least 1)."""
    value = max(float(value or 0), 1.0)
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def ticks(top, count=4):
    return [top * index / count for index in range(count + 1)]


@dataclass
class Chart:
    title: str
    labels: list
    series: list  # [{"name", "css", "values"}]
    unit: str = ""
    kind: str = "bars"  # bars | stacked | line
    target: float | None = None
    width: int = WIDTH
    height: int = HEIGHT
    shapes: list = field(default_factory=list)
    axis: list = field(default_factory=list)
    x_labels: list = field(default_factory=list)
    target_y: float | None = None
    max_value: float = 0

    @property
    def empty(self):
        return all(value is None for series in self.series for value in series["values"])

    @property
    def plot_bottom(self):
        return self.height - BOTTOM

    @property
    def plot_right(self):
        return self.width - RIGHT


def _number(value):
    return float(value) if isinstance(value, Decimal | int | float) else None


def _scale(chart, top):
    plot_height = chart.plot_bottom - TOP
    return lambda value: chart.plot_bottom - plot_height * value / top


def build(chart, fixed_max=None):
    """Fill in the chart's geometry: bars or points, axis ticks and x labels."""
    values = [[_number(value) for value in series["values"]] for series in chart.series]
    if chart.kind == "stacked":
        peak = max((sum(v or 0 for v in column) for column in zip(*values, strict=True)), default=0)
    else:
        peak = max((v for row in values for v in row if v is not None), default=0)
    if chart.target is not None:
        peak = max(peak, chart.target)
    top = fixed_max or nice_max(peak)
    chart.max_value = top
    y = _scale(chart, top)
    chart.axis = [
        {
            "y": round(y(tick), 1),
            "text": vn_number(Decimal(str(tick)), 0 if tick == int(tick) else 1),
        }
        for tick in ticks(top)
    ]
    count = max(len(chart.labels), 1)
    slot = (chart.plot_right - LEFT) / count
    chart.x_labels = [
        {"x": round(LEFT + slot * (index + 0.5), 1), "text": label}
        for index, label in enumerate(chart.labels)
    ]
    if chart.target is not None:
        chart.target_y = round(y(chart.target), 1)
    shapes = []
    if chart.kind == "line":
        for position, series in enumerate(chart.series):
            points = [
                (round(LEFT + slot * (index + 0.5), 1), round(y(value), 1))
                for index, value in enumerate(values[position])
                if value is not None
            ]
            shapes.append(
                {
                    "css": series["css"],
                    "points": " ".join(f"{px},{py}" for px, py in points),
                    "dots": [{"x": px, "y": py} for px, py in points],
                }
            )
    else:
        bar_count = 1 if chart.kind == "stacked" else len(chart.series)
        bar_width = slot * 0.7 / bar_count
        for index in range(len(chart.labels)):
            base = 0.0
            for position, series in enumerate(chart.series):
                value = values[position][index] if index < len(values[position]) else None
                if value is None:
                    continue
                if chart.kind == "stacked":
                    x = LEFT + slot * index + slot * 0.15
                    top_y, bottom_y = y(base + value), y(base)
                    base += value
                else:
                    x = LEFT + slot * index + slot * 0.15 + bar_width * position
                    top_y, bottom_y = y(value), y(0)
                shapes.append(
                    {
                        "css": series["css"],
                        "x": round(x, 1),
                        "y": round(top_y, 1),
                        "width": round(bar_width, 1),
                        "height": round(max(bottom_y - top_y, 0), 1),
                    }
                )
    chart.shapes = shapes
    return chart


@dataclass
class HorizontalChart:
    """One bar per row, label on the left: for breakdowns by field or by place."""

    title: str
    rows: list  # [(label, value)]
    unit: str = ""
    width: int = WIDTH
    row_height: int = 28
    label_width: int = 172
    bars: list = field(default_factory=list)

    @property
    def height(self):
        return self.row_height * len(self.rows) + 8


def build_horizontal(chart):
    peak = max((float(value) for _, value in chart.rows), default=0) or 1
    room = chart.width - chart.label_width - 56
    chart.bars = [
        {
            "label": label,
            "value": value,
            "text": vn_number(value),
            "y": index * chart.row_height + 4,
            "text_y": index * chart.row_height + 4 + chart.row_height / 2 + 4,
            "width": round(room * float(value) / peak, 1),
            "x": chart.label_width,
            "value_x": chart.label_width + round(room * float(value) / peak, 1) + 6,
        }
        for index, (label, value) in enumerate(chart.rows)
    ]
    return chart
