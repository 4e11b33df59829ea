"""Bar charts of estimate against execution, drawn as inline SVG: no script, no request.

A chart repeats what its table says (the table stays the accessible source, the chart is
labelled with its values and described for screen readers), so it is drawn only where a
table compares an estimate (Dự toán) with what was executed or settled (thực hiện,
quyết toán), for its total and top-level rows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape

from .records import Table
from .values import format_amount

ESTIMATE = re.compile(r"(?i)dự toán")
ACTUAL = re.compile(r"(?i)thực hiện|quyết toán")
MAX_ROWS = 12
WIDTH, LABEL_W, ROW_H = 640, 230, 34


def _columns(table: Table) -> tuple[int, int] | None:
    amounts = [i for i, c in enumerate(table.columns) if c.type == "amount"]
    estimate = next((i for i in amounts if ESTIMATE.search(table.columns[i].title)), None)
    actual = next(
        (i for i in amounts if i != estimate and ACTUAL.search(table.columns[i].title)), None
    )
    if estimate is None or actual is None:
        return None
    return estimate, actual


def budget_chart(table: Table, anchor: str) -> str | None:
    """An accessible SVG comparing estimate and execution by row, or None."""
    found = _columns(table)
    if found is None:
        return None
    est_i, act_i = found
    rows: list[tuple[str, Decimal, Decimal]] = []
    for r in table.rows:
        est, act = r.cells[est_i], r.cells[act_i]
        if r.level <= 2 and isinstance(est, Decimal) and isinstance(act, Decimal):
            rows.append((str(r.cells[1] or r.cells[0] or ""), est, act))
    rows = rows[:MAX_ROWS]
    if not rows:
        return None
    top = max(max(abs(e), abs(a)) for _, e, a in rows) or Decimal(1)
    span = WIDTH - LABEL_W - 90
    height = ROW_H * len(rows) + 30
    est_title, act_title = table.columns[est_i].title, table.columns[act_i].title
    parts = [
        f'<svg class="ck-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{anchor}-chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{anchor}-chart-title">Biểu đồ so sánh {escape(est_title)} và '
        f"{escape(act_title)} ({escape(table.unit)}); số liệu đầy đủ ở bảng trên.</title>",
        f'<rect x="{LABEL_W}" y="4" width="12" height="10" class="ck-bar-est"/>'
        f'<text x="{LABEL_W + 16}" y="13">{escape(est_title)}</text>',
        f'<rect x="{LABEL_W + 250}" y="4" width="12" height="10" class="ck-bar-act"/>'
        f'<text x="{LABEL_W + 266}" y="13">{escape(act_title)}</text>',
    ]
    for n, (label, est, act) in enumerate(rows):
        y = 26 + n * ROW_H
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="0" y="{y + 16}"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        for k, (value, cls) in enumerate(((est, "ck-bar-est"), (act, "ck-bar-act"))):
            w = max(1, int(span * abs(value) / top))
            by = y + k * 13
            parts.append(f'<rect x="{LABEL_W}" y="{by}" width="{w}" height="11" class="{cls}"/>')
            parts.append(
                f'<text x="{LABEL_W + w + 4}" y="{by + 10}" class="ck-bar-value">'
                f"{format_amount(value)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
