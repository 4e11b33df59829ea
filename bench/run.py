"""`make bench`: congkhai against plain MkDocs Material on the same synthetic commune.

For N disclosures (default 1,000 and 5,000), in one process tree and the same run:
  - congkhai's full build (`congkhai build`, every stage, atomic publish included);
  - the baseline: the same disclosures as one Markdown page each with pipe tables, built by
    plain MkDocs Material with its search, with only index pages in the nav and (at
    N = 1,000 only, it grows faster than linearly) with every page in the nav;
  - `congkhai check` alone.
It reports median wall time, peak memory of the largest process, output size, what a phone
downloads for a first search and for a typical page, and writes bench/results.json.

    .venv/bin/python bench/run.py [--sizes 1000,5000] [--repeat 3] [--out bench/out]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench import baseline, synthetic  # noqa: E402
from bench.search_index import first_search  # noqa: E402

AS_OF = "2026-11-27"


def run(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process in the command's tree."""
    with tempfile.TemporaryFile() as errors:  # a pipe would fill up and block the command
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{text[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_run(
    cmd: list[str],
    repeat: int,
    cwd: Path | None = None,
    cold: Path | None = None,
    env: dict[str, str] | None = None,
) -> tuple[float, float]:
    """Median wall time and peak memory of `repeat` runs; `cold` is a cache to clear first."""
    times, peaks = [], []
    for _ in range(repeat):
        if cold is not None:
            shutil.rmtree(cold, ignore_errors=True)
        t, m = run(cmd, cwd, env)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def page_weight(site: Path, url: str) -> float:
    """KB (gzip) a first visit to `url` downloads: the HTML and the CSS, JS it loads."""
    page = site / url / "index.html"
    html = page.read_bytes()
    total = gz(html)
    for ref in re.findall(rb'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', html):
        target = (page.parent / ref.decode()).resolve()
        if target.is_file():
            total += gz(target.read_bytes())
    return total / 1024


def our_first_search(site: Path) -> float:
    files = {
        p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "tim-kiem").rglob("*.json")
    }
    _, gzipped = first_search(files, "ngân sách")
    js = gz((site / "assets" / "search.js").read_bytes())
    return (gzipped + js) / 1024


def baseline_first_search(site: Path) -> float:
    """Material downloads its whole index (and the search worker) on the first page view."""
    index = gz((site / "search" / "search_index.json").read_bytes())
    worker = sum(
        gz(p.read_bytes()) for p in (site / "assets" / "javascripts" / "workers").glob("search*.js")
    )
    return (index + worker) / 1024


def typical_page(site: Path) -> str:
    """A budget disclosure page of median size: the typical table-heavy disclosure."""
    pages = sorted(
        (p.stat().st_size, p.parent.relative_to(site).as_posix())
        for p in (site / "ngan-sach").rglob("index.html")
        if p.parent.parent != site / "ngan-sach" and "niem-yet" not in p.parts
    )
    return pages[len(pages) // 2][1]


def build_command(work: Path) -> list[str]:
    """`congkhai build` of the synthetic commune in `work`, into `work`/site."""
    config, site = work / "commune" / "site_config.yml", work / "site"
    build = [str(BIN / "congkhai"), "build", "--config", str(config), "--out", str(site)]
    return [*build, "--as-of", AS_OF]


def bench_size(
    n: int, repeat: int, out: Path, check_repeat: int, smaller: Path | None = None
) -> dict[str, float]:
    """Every measure at size `n`. `smaller`: the work folder of the smaller size, whose
    commune is built again just before and just after this size's builds, so that the
    growth from one size to the other is measured side by side (the machine's speed drifts
    over the minutes between the two sizes)."""
    work = out / f"n{n}"
    print(f"\n== N = {n}: synthetic commune (seed 1) ==", flush=True)
    config = synthetic.generate(work / "commune", n, seed=1)
    congkhai = str(BIN / "congkhai")
    mkdocs = str(BIN / "mkdocs")
    site = work / "site"
    cache = config.parent / ".congkhai-cache"
    build = build_command(work)
    beside: list[float] = []
    if smaller is not None:
        neighbour = build_command(smaller)
        beside.append(median_run(neighbour, 1, cold=smaller / "commune" / ".congkhai-cache")[0])
    ours, ours_mb = median_run(build, repeat, cold=cache)
    print(f"congkhai build (cold)     {ours:8.1f} s  {ours_mb:7.0f} MiB", flush=True)
    if smaller is not None:
        beside.append(median_run(neighbour, 1, cold=smaller / "commune" / ".congkhai-cache")[0])
        print(f"smaller commune, beside   {statistics.mean(beside):8.1f} s  {beside}", flush=True)
    warm, warm_mb = median_run(build, repeat)
    print(f"congkhai build (cached)   {warm:8.1f} s  {warm_mb:7.0f} MiB", flush=True)
    check = [congkhai, "check", "--config", str(config), "--as-of", AS_OF, "--format", "json"]
    no_cache = {**os.environ, "CONGKHAI_CACHE": "0"}
    checked, check_mb = median_run(check, check_repeat, env=no_cache)
    print(f"congkhai check (cold)     {checked:8.1f} s  {check_mb:7.0f} MiB", flush=True)
    # A fresh clone (CI): nothing cached yet, and the check fills the cache.
    check_first, first_mb = median_run(check, check_repeat, cold=cache)
    print(f"congkhai check (1st run)  {check_first:8.1f} s  {first_mb:7.0f} MiB", flush=True)
    check_warm, _ = median_run(check, check_repeat)
    print(f"congkhai check (cached)   {check_warm:8.1f} s", flush=True)
    baseline.write(config, work / "baseline-index", "index")
    base_idx, base_idx_mb = median_run([mkdocs, "build", "-q"], repeat, work / "baseline-index")
    print(f"MkDocs Material, idx nav  {base_idx:8.1f} s  {base_idx_mb:7.0f} MiB", flush=True)
    result: dict[str, float] = {}
    if beside:
        result["smaller_beside_s"] = [round(t, 2) for t in beside]  # type: ignore[assignment]
    if n <= 1000:
        baseline.write(config, work / "baseline-full", "full")
        base_full, base_full_mb = median_run(
            [mkdocs, "build", "-q"], repeat, work / "baseline-full"
        )
        print(f"MkDocs Material, full nav {base_full:8.1f} s  {base_full_mb:7.0f} MiB", flush=True)
        result["baseline_full_nav_s"] = round(base_full, 2)
        fastest = min(base_idx, base_full)
    else:
        fastest = base_idx
    base_site = work / "baseline-index" / "site"
    typical = typical_page(site)
    result |= {
        "congkhai_s": round(ours, 2),
        "baseline_s": round(fastest, 2),
        "baseline_index_nav_s": round(base_idx, 2),
        "ratio": round(ours / fastest, 3),
        "congkhai_cached_s": round(warm, 2),
        "check_s": round(checked, 2),
        "check_first_s": round(check_first, 2),
        "check_cached_s": round(check_warm, 2),
        "peak_mb": round(max(ours_mb, check_mb, first_mb), 1),
        "baseline_peak_mb": round(base_idx_mb, 1),
        "output_mb": round(tree_size(site) / 2**20, 1),
        "baseline_output_mb": round(tree_size(base_site) / 2**20, 1),
        "first_search_kb": round(our_first_search(site), 1),
        "baseline_first_search_kb": round(baseline_first_search(base_site), 1),
        "page_kb": round(page_weight(site, typical), 1),
        "home_kb": round(page_weight(site, ""), 1),
        "typical_page": typical,
    }  # type: ignore[dict-item]
    return result


def targets(small: dict[str, float], large: dict[str, float], growth: float) -> dict[str, bool]:
    """The issue's targets, met or not, from the figures just measured."""
    return {
        "build at the smaller N <= 0.5 x the faster baseline": small["ratio"] <= 0.5,
        "build time growth to the larger N <= 5.5 (side by side)": growth <= 5.5,
        "peak memory at the larger N < 1 GiB": large["peak_mb"] < 1024,
        "check at the larger N < 5 s (cold)": large["check_s"] < 5,
        "check at the larger N < 5 s (first run, filling the cache)": large["check_first_s"] < 5,
        "check at the larger N < 5 s (cache warm)": large["check_cached_s"] < 5,
        "first search at the larger N < 150 KB": large["first_search_kb"] < 150,
        "typical disclosure page < 150 KB": large["page_kb"] < 150 and small["page_kb"] < 150,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[str, float]] = {}
    for n in sizes:
        # Full builds at 5,000 run once (a minute each, to stay under 20 minutes in all);
        # checks are short and always repeated.
        repeat = args.repeat if n <= 1000 else 1
        smaller = args.out / f"n{sizes[0]}" if n != sizes[0] else None
        results[str(n)] = bench_size(n, repeat, args.out, args.repeat, smaller)
    if len(sizes) >= 2:
        small, large = str(sizes[0]), str(sizes[-1])
        beside = statistics.mean(results[large]["smaller_beside_s"])  # type: ignore[arg-type]
        results["growth"] = {
            "sizes": f"{small} → {large}",
            # The larger build against the smaller one built just before and after it.
            "congkhai_time_ratio": round(results[large]["congkhai_s"] / beside, 2),
            "smaller_beside_s": round(beside, 2),
            "ratio_of_the_two_medians": round(
                results[large]["congkhai_s"] / results[small]["congkhai_s"], 2
            ),
        }  # type: ignore[dict-item]
        growth = results["growth"]["congkhai_time_ratio"]
        results["targets"] = targets(results[small], results[large], growth)  # type: ignore[assignment]
    target = ROOT / "bench" / "results.json"
    target.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print("\n" + json.dumps(results, ensure_ascii=False, indent=2))
    print(f"\nwritten to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
