"""The baseline: the same disclosures written the way a MkDocs user would write them.

One Markdown page per disclosure with pipe tables, an index page per section, built by
plain MkDocs Material with its search plugin. `--nav full` lists every page in the nav
(MkDocs' default when `nav:` is absent); `--nav index` lists only the section indexes.

    python bench/baseline.py CONFIG OUT_DIR [--nav index|full]
"""

from __future__ import annotations

import argparse
import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from generator.config import load_config
from generator.kinds import BY_NAME
from generator.load import load
from generator.records import (
    BudgetDisclosure,
    Disclosure,
    Document,
    LandUsePlan,
    Notice,
    PovertyReview,
    Procedure,
    Record,
    Table,
)
from generator.validate import validate
from generator.values import format_amount


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def pipe_table(table: Table) -> str:
    head = "| " + " | ".join(c.title for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.type != "text" else "---" for c in table.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row.cells) + " |" for row in table.rows]
    return "\n".join([f"**{table.form} {table.title}** ({table.unit})", "", head, rule, *rows])


def facts(d: Disclosure) -> list[str]:
    out = []
    if d.decision:
        out.append(f"- Văn bản: {d.decision.label}")
    if d.published_on:
        out.append(f"- Ngày công khai: {d.published_on:%d/%m/%Y}")
    if d.posting and d.posting.end:
        out.append(f"- Niêm yết: {d.posting.start:%d/%m/%Y} – {d.posting.end:%d/%m/%Y}")
    return out


def markdown(record: Record) -> str:
    title = record.display_title
    lines = [f"# {title}", ""]
    if isinstance(record, Disclosure):
        lines += [*facts(record), ""]
        if record.summary:
            lines += [record.summary, ""]
    if isinstance(record, BudgetDisclosure):
        lines += ["## Thuyết minh", "", record.narrative, "", "## Số liệu", ""]
        for t in record.tables:
            lines += [pipe_table(t), ""]
    elif isinstance(record, PovertyReview):
        lines += ["## Danh sách hộ", "", "| STT | Chủ hộ | Thôn | Phân loại | Nhân khẩu |"]
        lines += ["|---:|---|---|---|---:|"]
        for i, h in enumerate(record.households, 1):
            lines.append(f"| {i} | {h.head} | {h.village} | {h.category} | {h.members or ''} |")
    elif isinstance(record, (LandUsePlan, Notice)):
        if isinstance(record, Notice):
            lines += [record.body, ""]
        for t in record.tables:
            lines += [pipe_table(t), ""]
    elif isinstance(record, Procedure):
        lines += [f"- Mã: {record.code}", f"- Lĩnh vực: {record.field}", "", "## Trình tự", ""]
        lines += [f"{i}. {s}" for i, s in enumerate(record.steps, 1)]
        lines += ["", "## Hồ sơ", "", "| Giấy tờ | Số lượng |", "|---|---|"]
        lines += [f"| {d.name} | {d.copies} |" for d in record.dossier]
        lines += ["", f"Thời hạn: {record.time_limit}", "", f"Phí, lệ phí: {record.fees}"]
    elif isinstance(record, Document):
        lines += [f"- Số: {record.number}", f"- Ngày ban hành: {record.issued_on:%d/%m/%Y}"]
        lines += [f"- Trích yếu: {record.abstract}"]
    return "\n".join(lines) + "\n"


def write(config_path: Path, out: Path, nav_mode: str) -> Path:
    """A plain MkDocs Material project of the commune's content; returns its mkdocs.yml."""
    config = load_config(config_path)
    records = validate(load(config.content_dir).documents).content.records
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in records:
        path = f"{r.url.rstrip('/')}.md"
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown(r), "utf-8")
        by_kind[r.kind].append((r.display_title, path))
    nav: list[object] = [{"Trang chủ": "index.md"}]
    (docs / "index.md").write_text(f"# {config.full_name}\n\nCập nhật {date.today()}.\n", "utf-8")
    for kind, pages in sorted(by_kind.items()):
        folder = BY_NAME[kind].folder
        index = f"{folder}/index.md"
        items = "\n".join(f"- [{t}]({p.split('/', 1)[1]})" for t, p in pages)
        (docs / index).write_text(f"# {BY_NAME[kind].title}\n\n{items}\n", "utf-8")
        if nav_mode == "full":
            nav.append({BY_NAME[kind].title: [index, *(p for _, p in pages)]})
        else:
            nav.append({BY_NAME[kind].title: index})
    settings = {
        "site_name": f"Cổng công khai {config.full_name}",
        "site_url": config.base_url,
        "theme": {"name": "material", "language": "vi"},
        "plugins": ["search"],
        "markdown_extensions": ["tables"],
        "nav": nav,
    }
    mkdocs_yml = out / "mkdocs.yml"
    mkdocs_yml.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return mkdocs_yml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--nav", choices=("index", "full"), default="index")
    args = parser.parse_args()
    print(write(args.config, args.out, args.nav))


if __name__ == "__main__":
    main()
