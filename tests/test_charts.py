"""Budget charts: drawn only where a table compares an estimate with its execution."""

from __future__ import annotations

from decimal import Decimal

from generator.charts import budget_chart
from generator.records import Column, Row, Table


def table(second: str) -> Table:
    columns = (
        Column("STT"),
        Column("Nội dung"),
        Column("Dự toán năm", "amount"),
        Column(second, "amount"),
    )
    rows = (
        Row(("A", "TỔNG CHI", Decimal(300), Decimal(150)), 1),
        Row(("I", "Chi thường xuyên <& co>", Decimal(300), Decimal(150)), 2),
        Row(("1", "Chi sự nghiệp giáo dục", Decimal(100), Decimal(50)), 3),
    )
    return Table("Chi ngân sách xã", columns, rows, unit="triệu đồng")


def test_chart_compares_estimate_and_execution_of_top_rows() -> None:
    svg = budget_chart(table("Ước thực hiện"), "bieu-2")
    assert svg is not None
    assert svg.startswith('<svg class="ck-chart"') and 'role="img"' in svg
    assert 'aria-labelledby="bieu-2-chart-title"' in svg
    assert "Biểu đồ so sánh Dự toán năm và Ước thực hiện (triệu đồng)" in svg
    assert "TỔNG CHI" in svg and "Chi thường xuyên &lt;&amp; co&gt;" in svg
    assert "Chi sự nghiệp giáo dục" not in svg  # only totals and top-level rows
    assert svg.count('class="ck-bar-act"') == 3  # legend + two rows


def test_no_chart_without_an_execution_column() -> None:
    assert budget_chart(table("Năm trước"), "bieu-1") is None
