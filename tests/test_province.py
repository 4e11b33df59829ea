"""A province: many communes in one repository, built in parallel, one dashboard.

The sample province (province/province.yml: the example commune and two more with
different completeness) is copied into tmp_path and built with `--all --jobs 2`; the
dashboard must show exactly what each commune's own report says; a broken commune must
fail alone; reports built elsewhere (CI shards) must merge into the same dashboard.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import check
from generator.cli import main, parser
from generator.config import ConfigError
from generator.province import CommuneEntry, load_province, shard
from generator.province_build import Outcome, build_communes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 27)
SLUGS = ["nguyentrai", "phamngulao", "xuantruc"]


def copy_province(target: Path, slugs: list[str] | None = None) -> Path:
    """The sample province (and the example commune it points at) under `target`."""
    ignore = shutil.ignore_patterns(".congkhai-cache", "site", "reports")
    shutil.copytree(ROOT / "province", target / "province", ignore=ignore)
    shutil.copy(ROOT / "site_config.yml", target / "site_config.yml")
    shutil.copytree(ROOT / "content", target / "content")
    province = target / "province" / "province.yml"
    if slugs is not None:  # keep only these communes
        text = province.read_text("utf-8")
        head, _, rest = text.partition("communes:\n")
        blocks = re.split(r"(?m)^(?=  # |  - slug: )", rest)
        kept = [b for b in blocks if any(f"slug: {s}\n" in b for s in slugs)]
        province.write_text(head + "communes:\n" + "".join(kept), "utf-8")
    return province


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def dashboard(site: Path) -> Any:
    return json.loads((site / "bang-tong-hop.json").read_text("utf-8"))


def row(data: Any, slug: str) -> Any:
    return next(c for c in data["communes"] if c["slug"] == slug)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample province built once with --all --jobs 2; returns province.yml."""
    province = copy_province(tmp_path_factory.mktemp("province"))
    code = main(
        ["build", "--all", "--jobs", "2", "--province", str(province), "--as-of", "2026-11-27"]
    )
    assert code == 0
    return province


# --- the sample province ------------------------------------------------------------------


def test_the_sample_province_builds_every_commune_and_the_provincial_pages(built: Path) -> None:
    site = built.parent / "site"
    for slug in SLUGS:
        assert (site / slug / "index.html").is_file(), slug
        assert (site / slug / "bao-cao-cong-khai.json").is_file(), slug
        assert (built.parent / "reports" / f"{slug}.json").is_file(), slug
    for page in ("index.html", "bang-tong-hop/index.html", "bang-tong-hop.json"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text("utf-8")
    for slug in SLUGS:
        assert f'href="{slug}/"' in home
    assert "phamngulao.hungyen.gov.vn" in home


def test_each_commune_is_published_at_the_domain_the_province_assigned(built: Path) -> None:
    site = built.parent / "site"
    for slug in SLUGS:
        sitemap = (site / slug / "sitemap.xml").read_text("utf-8")
        assert f"<loc>https://{slug}.hungyen.gov.vn/</loc>" in sitemap, slug
        # Relative links only: the same folder works under /SLUG/ and on its own domain.
        assert 'href="/' not in (site / slug / "index.html").read_text("utf-8")


def test_dashboard_figures_are_each_communes_own_report(built: Path) -> None:
    data = dashboard(built.parent / "site")
    province = load_province(built)
    assert [c["slug"] for c in data["communes"]] == SLUGS
    for entry in province.communes:
        report = check(entry.config, AS_OF, entry.url).report
        figures = row(data, entry.slug)["figures"]
        assert row(data, entry.slug)["state"] == "published"
        assert figures["as_of"] == "2026-11-27"
        assert figures["summary"] == report.summary, entry.slug
        assert figures["regimes"] == list(report.regimes)
        late = [r.id for r in report.requirements if r.status == "overdue"]
        assert sorted(o["id"] for o in figures["overdue"]) == sorted(late)
        for o in figures["overdue"]:
            due = next(r.due for r in report.requirements if r.id == o["id"])
            if due is not None:
                assert o["due"] == due.isoformat()
                assert o["days_overdue"] == (AS_OF - due).days
        assert report.latest_publication is not None
        assert figures["latest_publication"] == report.latest_publication.isoformat()
        # What was judged: met + missing + incomplete + overdue; never not_yet_due.
        s = report.summary
        assert figures["judged"] == s["total"] - s["not_applicable"] - s["not_yet_due"]


def test_the_sample_communes_differ_in_completeness(built: Path) -> None:
    data = dashboard(built.parent / "site")
    shapes = {
        (c["figures"]["summary"]["met"], c["figures"]["summary"]["overdue"])
        for c in data["communes"]
    }
    assert len(shapes) == 3
    assert all(c["figures"]["summary"]["not_yet_due"] >= 1 for c in data["communes"])


def test_dashboard_page_states_date_rules_and_not_yet_due_for_each_row(built: Path) -> None:
    html = (built.parent / "site" / "bang-tong-hop" / "index.html").read_text("utf-8")
    data = dashboard(built.parent / "site")
    assert "<caption" in html and html.count('scope="col"') >= 10
    assert "không bao giờ bị tính là thiếu" in html
    assert "Chưa đến hạn" in html and "(không tính)" in html
    for c in data["communes"]:
        f = c["figures"]
        s = f["summary"]
        tr = re.search(rf'<tr data-name="[^"]*" data-slug="{c["slug"]}".*?</tr>', html, re.S)
        assert tr, c["slug"]
        cells = tr.group(0)
        assert "27/11/2026" in cells
        assert f"<strong>{s['met']}/{f['judged']}</strong>" in cells
        assert f'href="#bo-van-ban-{f["rule_set"]}"' in cells
        assert f'<td data-value="{s["not_yet_due"]}">' in cells
        for o in f["overdue"]:
            assert f"<code>{o['id']}</code>" in cells
    for regime in data["rule_sets"][0]["regimes"]:
        assert regime in html
    # No third party, and the page works without JavaScript: the script only adds controls.
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'id="pv-controls" hidden' in html
    assert (built.parent / "site" / "tai-nguyen" / "bang-tong-hop.js").is_file()


# --- failures ------------------------------------------------------------------------------


def test_a_broken_commune_fails_alone_and_keeps_its_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = copy_province(tmp_path, ["phamngulao", "xuantruc"])
    args = ["build", "--all", "--jobs", "2", "--province", str(province), "--as-of", "2026-11-27"]
    assert main(args) == 0
    site = province.parent / "site"
    before = digest(site / "xuantruc")
    old_figures = row(dashboard(site), "xuantruc")["figures"]
    (site / "phamngulao" / "stale.txt").write_text("from the previous build", "utf-8")
    broken = province.parent / "communes" / "xuantruc" / "content" / "cong-khai" / "hong.yml"
    broken.write_text("title: [chưa đóng ngoặc\n", "utf-8")
    capsys.readouterr()

    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "✗ xã Xuân Trúc (xuantruc): không dựng: 1 lỗi cần sửa." in out
    assert "✓ xã Phạm Ngũ Lão (phamngulao): đã dựng" in out
    assert "2 xã" not in out.split("Kết quả:")[1].split(".")[0]
    assert f"{province.parent / 'communes/xuantruc/content/cong-khai/hong.yml'}:" in err or (
        "communes/xuantruc/content/cong-khai/hong.yml:" in err
    )
    assert "[yaml-syntax]" in err
    assert digest(site / "xuantruc") == before  # untouched
    assert not (site / "phamngulao" / "stale.txt").exists()  # rebuilt, swapped in whole
    data = dashboard(site)
    assert row(data, "phamngulao")["state"] == "published"
    failed = row(data, "xuantruc")
    assert failed["state"] == "kept"
    assert failed["failed_build"] == {"as_of": "2026-11-27", "blocking_problems": 1}
    assert failed["figures"] == old_figures  # what citizens can still read
    html = (site / "bang-tong-hop" / "index.html").read_text("utf-8")
    assert "Lần dựng ngày 27/11/2026: 1 lỗi cần sửa." in html


def test_a_crash_in_one_commune_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import province_build

    province = load_province(copy_province(tmp_path, ["phamngulao", "xuantruc"]))
    entries = province.communes

    def fake(entry: CommuneEntry, out_root: Path, as_of: date, strict: bool) -> Outcome:
        if entry.slug == "phamngulao":
            os._exit(3)  # the process dies: killed, out of memory
        assert os.environ.get("CONGKHAI_JOBS") == "1"  # one process per commune
        return Outcome(entry, True, as_of, 0.1, (), {"as_of": "2026-11-27", "summary": {}})

    monkeypatch.setattr(province_build, "build_commune", fake)
    reports = tmp_path / "reports"
    outcomes = build_communes(entries, tmp_path / "site", reports, AS_OF, jobs=2)
    assert [(o.entry.slug, o.built) for o in outcomes] == [
        ("phamngulao", False),
        ("xuantruc", True),
    ]
    assert outcomes[0].blocking[0].code == "commune-crashed"
    assert "mã 3" in outcomes[0].blocking[0].message
    saved = json.loads((reports / "phamngulao.json").read_text("utf-8"))
    assert saved["built"] is False and saved["blocking"][0]["code"] == "commune-crashed"
    assert sorted(p.name for p in reports.iterdir()) == ["phamngulao.json", "xuantruc.json"]


def test_a_commune_with_a_broken_config_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = copy_province(tmp_path, ["xuantruc"])
    config = province.parent / "communes" / "xuantruc" / "site_config.yml"
    config.write_text(config.read_text("utf-8").replace("  unit: xa\n", ""), "utf-8")
    args = ["build", "--commune", "xuantruc", "--province", str(province), "--as-of", "2026-11-27"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "[field-required]" in err and "unit" in err
    assert row(dashboard(province.parent / "site"), "xuantruc")["state"] == "failed"


# --- merging reports built elsewhere, shards ---------------------------------------------


def test_merge_of_reports_built_elsewhere_gives_the_same_dashboard(
    built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    code = main(["province", "merge", str(built.parent / "reports"), "--province", str(built),
                 "--out", str(out)])  # fmt: skip
    assert code == 0
    assert dashboard(out)["communes"] == dashboard(built.parent / "site")["communes"]
    # A commune site's own report works too (the slug is its folder).
    reports = [str(built.parent / "site" / s / "bao-cao-cong-khai.json") for s in SLUGS]
    out2 = tmp_path / "site2"
    assert main(["province", "merge", *reports, "--province", str(built), "--out", str(out2)]) == 0
    for slug in SLUGS:
        expected = row(dashboard(built.parent / "site"), slug)["figures"]
        assert row(dashboard(out2), slug)["figures"] == expected


def test_merge_reports_an_unreadable_report_and_still_writes_the_dashboard(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "in" / "hong.json"
    bad.parent.mkdir()
    bad.write_text("{không phải json", "utf-8")
    # A report of a commune the province does not list: said, not shown.
    shutil.copy(built.parent / "reports" / "xuantruc.json", bad.parent / "xuanthuy.json")
    stranger = json.loads((bad.parent / "xuanthuy.json").read_text("utf-8"))
    stranger["slug"] = "xuanthuy"
    (bad.parent / "xuanthuy.json").write_text(json.dumps(stranger), "utf-8")
    out = tmp_path / "site"
    args = ["province", "merge", str(bad.parent), "--province", str(built), "--out", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "[report-unreadable] Không đọc được báo cáo hong.json:" in err
    assert "không có xã mã 'xuanthuy' trong" in err
    assert [c["state"] for c in dashboard(out)["communes"]] == ["absent"] * 3


def test_shards_split_the_communes_without_overlap() -> None:
    province = load_province(ROOT / "province" / "province.yml")
    for total in (1, 2, 3, 4):
        shares = [shard(province.communes, i, total) for i in range(1, total + 1)]
        slugs = [e.slug for share in shares for e in share]
        assert sorted(slugs) == sorted(SLUGS), total
        assert shares == [shard(province.communes, i, total) for i in range(1, total + 1)]
    # Largest first: the example commune (most content) has a share to itself.
    assert [e.slug for e in shard(province.communes, 1, 2)] == ["nguyentrai"]


def test_shards_built_apart_merge_into_one_provincial_site(built: Path, tmp_path: Path) -> None:
    """What the CI examples do: each machine builds a share, the last job merges."""
    province = copy_province(tmp_path / "repo")
    shard_dir = tmp_path / "shard-2"
    args = ["build", "--all", "--shard", "2/2", "--jobs", "2", "--province", str(province),
            "--as-of", "2026-11-27", "--out", str(shard_dir / "site"),
            "--reports", str(shard_dir / "reports")]  # fmt: skip
    assert main(args) == 0
    assert sorted(p.name for p in (shard_dir / "site").iterdir()) == ["phamngulao", "xuantruc"]
    assert not (shard_dir / "site" / "bang-tong-hop.json").exists()  # merged later
    # Shard 1 ran elsewhere: take its outcome and site from the full build.
    shard1 = tmp_path / "shard-1"
    (shard1 / "reports").mkdir(parents=True)
    shutil.copy(built.parent / "reports" / "nguyentrai.json", shard1 / "reports")
    shutil.copytree(built.parent / "site" / "nguyentrai", shard1 / "site" / "nguyentrai")
    out = tmp_path / "published"
    args = ["province", "merge", str(shard1 / "reports"), str(shard_dir / "reports"),
            "--sites", str(shard1 / "site"), "--sites", str(shard_dir / "site"),
            "--province", str(province), "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    for slug in SLUGS:
        assert (out / slug / "index.html").is_file()
    assert dashboard(out)["communes"] == dashboard(built.parent / "site")["communes"]


# --- configuration and usage ---------------------------------------------------------------

PROVINCE = """\
province:
  name: Hưng Yên
  domain: hungyen.gov.vn
communes:
  - slug: nguyentrai
    name: xã Nguyễn Trãi
    domain: nguyentrai.hungyen.gov.vn
  - slug: nguyentrai
    name: xã Nguyễn Trãi (trùng)
    domain: nguyentrai.thaibinh.gov.vn
  - slug: bang-tong-hop
    name: xã Sai Mã
    domain: saima.hungyen.gov.vn
"""


def test_province_file_problems_are_all_reported_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "province.yml"
    path.write_text(PROVINCE, "utf-8")
    with pytest.raises(ConfigError) as err:
        load_province(path)
    found = [(p.code, p.location.line if p.location else None) for p in err.value.problems]
    assert found == [("province-duplicate", 8), ("province-domain", 10), ("province-reserved", 11)]
    messages = [p.message for p in err.value.problems]
    assert "Mã xã 'nguyentrai' đã dùng cho xã ở dòng 5." in messages
    assert "Tên miền nguyentrai.thaibinh.gov.vn không thuộc tên miền của tỉnh hungyen.gov.vn." in (
        messages
    )


def test_province_file_is_checked_against_its_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "province.yml"
    path.write_text(PROVINCE.replace("  domain: hungyen.gov.vn\n", ""), "utf-8")
    assert main(["build", "--all", "--province", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[field-required] Thiếu trường bắt buộc 'domain' (Tên miền của tỉnh)." in err


def test_an_unknown_commune_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", "--commune", "khongco", "--province", str(ROOT / "province/province.yml")]
    assert main(args) == 2
    assert "dùng một trong các mã: nguyentrai, phamngulao, xuantruc" in capsys.readouterr().err


def test_province_options_need_commune_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--jobs", "2"])
    assert exit_.value.code == 2
    assert "--jobs chỉ dùng cùng --commune MÃ_XÃ hoặc --all" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--all", "--shard", "5/4"])


def test_province_list_prints_a_shard_for_ci_matrices(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "province" / "province.yml")
    assert main(["province", "list", "--province", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == SLUGS
    assert main(["province", "list", "--province", path, "--shard", "2/2"]) == 0
    assert capsys.readouterr().out.split() == ["phamngulao", "xuantruc"]


# --- the CI examples -------------------------------------------------------------------------

CI_FILES = {
    ".github/workflows/province.yml": "vendor.github-workflows",
    "ci/gitlab-province.yml": "vendor.gitlab-ci",
}


@pytest.mark.parametrize("path", sorted(CI_FILES))
def test_ci_examples_are_valid_for_their_ci(path: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", CI_FILES[path],
         str(ROOT / path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", sorted(CI_FILES))
def test_ci_examples_use_commands_congkhai_accepts(path: str) -> None:
    def strings(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [s for v in node.values() for s in strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return [node] if isinstance(node, str) else []

    found = [
        line.split(".venv/bin/congkhai ", 1)[1]
        for text in strings(yaml.safe_load((ROOT / path).read_text("utf-8")))
        for line in text.splitlines()
        if ".venv/bin/congkhai " in line
    ]
    assert len(found) == 2
    for command in found:
        command = re.sub(r"\$\{\{ [^}]+ \}\}|\$CI_NODE_\w+", "1", command)
        args = parser().parse_args(command.replace('"', "").split())
        assert args.command in ("build", "province")
        if args.command == "build":
            assert args.all and args.shard == (1, 1) and args.jobs == 2
