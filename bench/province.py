"""A province of synthetic communes, built with `congkhai build --all` at --jobs 1 and 2.

Each commune is bench/synthetic.py's commune with its own seed: the example commune's
content plus `disclosures` more (default 150: budget forms, poverty lists, procedures,
documents with attachments and notices spread over four years, about what a commune
publishes in 3–5 years), so about 240 content files and 2.5 MB per commune.

For each --jobs value it reports the wall time of the whole build (every commune's site,
the outcomes and the dashboard), the time per commune, and the peak memory of the largest
process (os.wait4 on the `congkhai` process: the parent or any one commune's build). The
intake cache is off (CONGKHAI_CACHE=0) so every run reads every file.

    .venv/bin/python bench/province.py [--communes 100] [--disclosures 150] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402

AS_OF = "2026-11-27"
DOMAIN = "hungyen.gov.vn"


def generate_province(out: Path, communes: int = 100, disclosures: int = 150) -> Path:
    """Write `communes` synthetic communes and their province.yml under `out`."""
    if out.exists():
        shutil.rmtree(out)
    lines = [
        "# Tỉnh tổng hợp để đo hiệu năng (bench/province.py).",
        "province:",
        "  name: Hưng Yên",
        f"  domain: {DOMAIN}",
        "  sample_data: true",
        "communes:",
    ]
    for i in range(1, communes + 1):
        slug = f"tonghop{i:03d}"
        config = synthetic.generate(out / "communes" / slug, disclosures, seed=i)
        config.write_text(config.read_text("utf-8").replace("tonghop", slug), "utf-8")
        complete_years(config.parent / "content")
        lines += [
            f"  - slug: {slug}",
            f"    name: xã Tổng Hợp {i:03d}",
            f"    domain: {slug}.{DOMAIN}",
        ]
    province = out / "province.yml"
    province.write_text("\n".join(lines) + "\n", "utf-8")
    return province


def complete_years(content: Path) -> None:
    """Make a small synthetic commune publishable: no annual disclosure left half done.

    With 150 disclosures drawn at random, a year may get an annual plan notice or only
    regular poverty reviews; the checker then rightly finds that year's annual plan or
    annual review overdue, a blocking error. Plan notices become consultations (not
    annual) and each year with poverty reviews gets its annual one.
    """
    for notice in (content / "cong-khai").glob("thong-bao-*.yml"):
        text = notice.read_text("utf-8")
        if "requirement: g01-sed-plan" in text:
            text = text.replace("requirement: g01-sed-plan", "requirement: g11-consultations")
            notice.write_text(text, "utf-8")
    last: dict[str, Path] = {}
    annual: set[str] = set()
    for review in sorted((content / "ho-ngheo").glob("ra-soat-0*.yml")):
        text = review.read_text("utf-8")
        year = re.search(r"(?m)^year: (\d{4})$", text)
        if year is None:
            continue
        last[year.group(1)] = review
        if re.search(r"(?m)^review: annual$", text):
            annual.add(year.group(1))
    for year, review in last.items():
        if year not in annual:
            text = review.read_text("utf-8").replace("review: regular", "review: annual")
            review.write_text(text, "utf-8")


def tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def timed_build(province: Path, jobs: int, work: Path) -> dict[str, Any]:
    """Wall time and peak RSS (largest process) of one `congkhai build --all`."""
    out, reports = work / f"site-j{jobs}", work / f"reports-j{jobs}"
    for folder in (out, reports):
        if folder.exists():
            shutil.rmtree(folder)
    cmd = [
        str(BIN / "congkhai"), "build", "--all", "--jobs", str(jobs),
        "--province", str(province), "--as-of", AS_OF,
        "--out", str(out), "--reports", str(reports),
    ]  # fmt: skip
    env = {**os.environ, "CONGKHAI_CACHE": "0"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stdout = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stdout[-2000:]}\n{stderr[-3000:]}")
    communes = len(json.loads((out / "bang-tong-hop.json").read_text("utf-8"))["communes"])
    result = {
        "wall_s": round(wall, 1),
        "per_commune_s": round(wall / communes, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "output_mb": round(tree_size(out) / 2**20, 1),
    }
    shutil.rmtree(out)  # gigabytes for a whole province; the next run starts from nothing too
    return result


def bench_province(
    out: Path, communes: int = 100, disclosures: int = 150, jobs: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Generate the province, build it once per --jobs value; return the figures."""
    started = time.perf_counter()
    province = generate_province(out / "province", communes, disclosures)
    generated = time.perf_counter() - started
    first = out / "province" / "communes" / "tonghop001"
    result: dict[str, Any] = {
        "communes": communes,
        "disclosures_per_commune": disclosures,
        "files_per_commune": sum(1 for p in (first / "content").rglob("*") if p.is_file()),
        "content_mb_per_commune": round(tree_size(first / "content") / 2**20, 2),
        "generate_s": round(generated, 1),
        "cpus": os.cpu_count(),
    }
    for j in jobs:
        print(f"congkhai build --all --jobs {j}: {communes} communes …", flush=True)
        result[f"jobs_{j}"] = timed_build(province, j, out)
        print(f"  {result[f'jobs_{j}']}", flush=True)
    if 1 in jobs and 2 in jobs:
        result["speedup_jobs_2"] = round(result["jobs_1"]["wall_s"] / result["jobs_2"]["wall_s"], 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--disclosures", type=int, default=150)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "province")
    args = parser.parse_args()
    print(json.dumps(bench_province(args.out, args.communes, args.disclosures), indent=2))


if __name__ == "__main__":
    main()
