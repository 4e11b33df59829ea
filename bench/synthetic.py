"""A synthetic commune for benchmarks: N disclosures of every kind, deterministic from a seed.

Sizes follow what communes publish: budget forms of 20–200 rows (about 30 % of the
disclosures), poverty lists of 50–500 households (about 22 %), procedures with every
Decree 63/2010 field, documents with attachments, notices and land-use plans with
tables. Every table adds up, so the content passes `congkhai check` without errors.

    python bench/synthetic.py OUT_DIR --n 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vinh",
    "Yến",
]
SECTORS = [
    "Chi sự nghiệp kinh tế",
    "Chi sự nghiệp giáo dục",
    "Chi sự nghiệp y tế",
    "Chi sự nghiệp văn hóa, thông tin",
    "Chi sự nghiệp thể dục thể thao",
    "Chi sự nghiệp bảo vệ môi trường",
    "Chi đảm bảo xã hội",
    "Chi quản lý nhà nước, Đảng, đoàn thể",
    "Chi quốc phòng",
    "Chi an ninh, trật tự",
    "Chi khác",
]
ITEMS = [
    "Đường giao thông nông thôn",
    "Kênh mương nội đồng",
    "Nhà văn hóa thôn",
    "Trường mầm non",
    "Trạm y tế",
    "Điện chiếu sáng",
    "Thu gom rác thải",
    "Hỗ trợ hộ nghèo",
    "Phụ cấp cán bộ thôn",
    "Hoạt động đoàn thể",
    "Bồi dưỡng nghiệp vụ",
    "Văn phòng phẩm",
    "Sửa chữa trụ sở",
    "Phòng chống thiên tai",
    "Dân quân tự vệ",
]
FIELDS = ["Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Đất đai", "Văn hóa", "Người có công"]
NOTICE_REQUIREMENTS = [
    "g01-sed-plan",
    "g03-investment-land-construction",
    "g05-funds-contributions",
    "g06-public-assets",
    "g08-disaster-relief",
    "g10-inspection-confidence",
    "g11-consultations",
    "g12-fees",
]
VILLAGES = [f"Thôn {i}" for i in range(1, 9)]


def working_day(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def dump(path: Path, data: dict, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# Dữ liệu tổng hợp để đo hiệu năng ({schema})\n{text}", "utf-8")


def budget_table(rng: random.Random, rows: int, title: str, form: str = "115") -> dict:
    """A two-level form whose totals add up; about `rows` rows in all."""
    sections = max(2, min(len(SECTORS), rows // 8))
    per = max(1, (rows - 1 - sections) // sections)
    body = []
    grand = [0, 0]
    for s in range(sections):
        children = []
        for i in range(per):
            est = rng.randint(5, 900) * 10
            act = est * rng.randint(40, 110) // 100
            children.append([f"{i + 1}", f"{ITEMS[(s + i) % len(ITEMS)]} ({i + 1})", est, act])
        est_sum = sum(c[2] for c in children)
        act_sum = sum(c[3] for c in children)
        grand[0] += est_sum
        grand[1] += act_sum
        body.append([_roman(s + 1), SECTORS[s % len(SECTORS)], est_sum, act_sum])
        body.extend(children)
    rows_out = [["A", "TỔNG CHI NGÂN SÁCH XÃ", grand[0], grand[1]], *body]
    for r in rows_out:
        r.append(round(r[3] / r[2] * 100, 1) if r[2] else None)
    return {
        "form": f"{form}/CK TC-NSNN",
        "title": title,
        "unit": "nghìn đồng",
        "columns": [
            {"title": "STT"},
            {"title": "Nội dung"},
            {"title": "Dự toán năm", "type": "amount"},
            {"title": "Ước thực hiện", "type": "amount"},
            {"title": "So sánh (%)", "type": "percent", "of": [4, 3]},
        ],
        "rows": rows_out,
    }


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def envelope(rng: random.Random, day: date, number: str, title: str, days: int = 30) -> dict:
    published = working_day(day + timedelta(days=3))
    return {
        "title": title,
        "decision": {
            "type": "Quyết định",
            "number": number,
            "date": day.isoformat(),
            "issuer": "UBND xã Tổng Hợp",
        },
        "published_on": published.isoformat(),
        "posting": {
            "from": published.isoformat(),
            "to": (published + timedelta(days=days)).isoformat(),
            "places": ["Trụ sở UBND xã", "Nhà văn hóa các thôn"],
        },
        "channels": ["portal", "hq", "village"],
    }


def generate(out: Path, n: int, seed: int = 1) -> Path:
    """Write a commune with `n` disclosures into `out`; return its site_config.yml."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    content.mkdir(parents=True)
    config = (ROOT / "site_config.yml").read_text("utf-8")
    config = config.replace("name: Nguyễn Trãi", "name: Tổng Hợp").replace("nguyentrai", "tonghop")
    (out / "site_config.yml").write_text(config, "utf-8")
    # Start from the example commune, which meets every requirement, and add N more.
    shutil.rmtree(content)
    shutil.copytree(ROOT / "content", content)
    start = date(2022, 1, 3)
    attachment = b"%PDF-1.4\n% congkhai synthetic attachment\n" + bytes(
        rng.randrange(256) for _ in range(20_000)
    )
    for i in range(n):
        day = working_day(start + timedelta(days=(i * 1461) // max(n, 1)))
        roll = rng.random()
        number = f"{i + 1}/QĐ-UBND"
        if roll < 0.30:
            # Extra execution reports of the budget years the example covers (TT 343 forms).
            rows = rng.randint(20, 200) // 3
            year = rng.choice([2024, 2025])
            data = envelope(
                rng, day, number, f"Công khai tình hình thực hiện ngân sách đợt {i + 1} năm {year}"
            )
            title = f"Ngân sách xã theo lĩnh vực, đợt {i + 1}"
            tables = [budget_table(rng, rows, title, form) for form in ("113", "114", "115")]
            data |= {
                "budget_year": year,
                "package": "execution",
                "period": rng.choice(["q1", "h1", "m9", "year"]),
                "narrative": "Thuyết minh tình hình thực hiện dự toán. " * rng.randint(3, 12),
                "tables": tables,
            }
            dump(content / "ngan-sach" / str(year) / f"cong-khai-{i + 1:05d}.yml", data, "budget")
        elif roll < 0.52:
            households = [
                {
                    "head": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    "village": rng.choice(VILLAGES),
                    "category": rng.choice(
                        ["poor", "near_poor", "escaped_poor", "escaped_near_poor"]
                    ),
                    "members": rng.randint(1, 7),
                }
                for _ in range(rng.randint(50, 500))
            ]
            data = envelope(rng, day, number, f"Kết quả rà soát hộ nghèo, hộ cận nghèo đợt {i + 1}")
            data |= {
                "year": day.year,
                "review": rng.choice(["annual", "regular"]),
                "households": households,
            }
            dump(content / "ho-ngheo" / f"ra-soat-{i + 1:05d}.yml", data, "poverty")
        elif roll < 0.67:
            field = rng.choice(FIELDS)
            data = {
                "code": "",
                "code_note": "Dữ liệu tổng hợp để đo hiệu năng.",
                "name": f"Thủ tục {field.lower()} số {i + 1}",
                "field": field,
                "steps": [
                    f"Bước {k}: xử lý hồ sơ theo quy định, kiểm tra thành phần hồ sơ."
                    for k in range(1, 5)
                ],
                "method": ["Trực tiếp tại Trung tâm Phục vụ hành chính công xã", "Trực tuyến"],
                "dossier": [
                    {"name": f"Giấy tờ số {k}", "copies": "01 bản chính"} for k in range(1, 6)
                ],
                "time_limit": "05 ngày làm việc",
                "applicants": "Cá nhân, tổ chức",
                "agency": "UBND xã",
                "result": "Văn bản trả lời",
                "fees": "Không",
                "requirements": "Không",
                "legal_basis": ["Nghị định 63/2010/NĐ-CP"],
                "online": rng.choice(["full", "partial", "none"]),
            }
            dump(content / "thu-tuc" / f"thu-tuc-{i + 1:05d}.yml", data, "procedures")
        elif roll < 0.82:
            files = content / "van-ban" / "files"
            files.mkdir(parents=True, exist_ok=True)
            (files / f"van-ban-{i + 1:05d}.pdf").write_bytes(
                attachment[: rng.randint(4_000, 20_000)]
            )
            data = {
                "doc_type": "Quyết định",
                "number": number,
                "issuer": "UBND xã Tổng Hợp",
                "issued_on": day.isoformat(),
                "effective_on": day.isoformat(),
                "abstract": f"Về việc {rng.choice(ITEMS).lower()} trên địa bàn xã, đợt {i + 1}",
                "field": rng.choice(FIELDS),
                "file": f"files/van-ban-{i + 1:05d}.pdf",
            }
            dump(content / "van-ban" / f"van-ban-{i + 1:05d}.yml", data, "documents")
        else:
            data = {"requirement": rng.choice(NOTICE_REQUIREMENTS)}
            data |= envelope(
                rng, day, number, f"Thông báo công khai số {i + 1}: {rng.choice(ITEMS)}"
            )
            data["body"] = (
                "Nội dung thông báo công khai theo Luật Thực hiện dân chủ ở cơ sở. "
                * rng.randint(5, 30)
            )
            data["tables"] = [budget_table(rng, rng.randint(20, 60), f"Bảng kèm thông báo {i + 1}")]
            dump(content / "cong-khai" / f"thong-bao-{i + 1:05d}.yml", data, "notices")
    return out / "site_config.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.n, args.seed))


if __name__ == "__main__":
    main()
