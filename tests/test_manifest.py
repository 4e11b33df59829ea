"""site/manifest.json: every published file with its SHA-256, and the page that explains it."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator import manifest
from generator.config import load_config
from generator.records import Content

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def listed(built_example: Path) -> dict:
    data: dict = json.loads((built_example / "manifest.json").read_text("utf-8"))
    return data


def test_every_published_file_is_listed_with_its_true_hash_and_size(
    built_example: Path, listed: dict
) -> None:
    on_disk = {
        p.relative_to(built_example).as_posix(): p
        for p in built_example.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    files = {f["path"]: f for f in listed["files"]}
    assert sorted(files) == sorted(on_disk)
    for path, f in files.items():
        data = on_disk[path].read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest(), path
        assert f["size"] == len(data), path
    assert manifest.verify(built_example) == []


def test_it_is_written_after_the_engine(listed: dict) -> None:
    paths = {f["path"] for f in listed["files"]}
    # MkDocs' own output and what engine.py writes after MkDocs are there too.
    assert {"404.html", "sitemap.xml", "index.html", "assets/congkhai.css"} <= paths
    assert not any(p.startswith("_ck-shell") for p in paths)


def test_the_layout_is_sorted_and_described(listed: dict) -> None:
    assert listed["format"] == "congkhai-manifest/1"
    assert listed["algorithm"] == "sha256"
    assert listed["site"] == "https://nguyentrai.hungyen.gov.vn/"
    assert listed["authority"] == "UBND xã Nguyễn Trãi"
    assert listed["as_of"] == "2026-11-27"
    paths = [f["path"] for f in listed["files"]]
    assert paths == sorted(paths)
    assert set(listed["files"][0]) == {"path", "size", "sha256", "disclosure"}
    used = {f["disclosure"] for f in listed["files"]} - {None}
    assert used == set(listed["disclosures"])


def test_a_disclosure_owns_its_page_notice_attachments_and_data(listed: dict) -> None:
    source = "content/ngan-sach/2025/du-toan-duoc-giao.yml"
    owned = sorted(f["path"] for f in listed["files"] if f["disclosure"] == source)
    assert "ngan-sach/2025/du-toan-duoc-giao/index.html" in owned
    assert "ngan-sach/2025/du-toan-duoc-giao/niem-yet/index.html" in owned
    assert any(
        p.startswith("du-lieu/ngan-sach/2025/du-toan-duoc-giao/") and p.endswith(".csv")
        for p in owned
    )
    entry = listed["disclosures"][source]
    assert entry["kind"] == "budget"
    assert entry["url"] == "ngan-sach/2025/du-toan-duoc-giao/"
    # Legal dates are the content's own, never git's.
    text = (Path(__file__).resolve().parent.parent / source).read_text("utf-8")
    assert f"published_on: {entry['legal_dates']['published_on']}" in text
    assert entry["legal_dates"]["posting_from"] in text
    assert entry["decision"].startswith("Nghị quyết số ")
    shared = next(f for f in listed["files"] if f["path"] == "assets/congkhai.css")
    assert shared["disclosure"] is None


def test_a_map_belongs_to_the_disclosure_that_shows_it(listed: dict) -> None:
    owner = {f["path"]: f["disclosure"] for f in listed["files"]}
    assert owner["dat-dai/files/ban-do-ke-hoach-2026.png"] == (
        "content/dat-dai/ke-hoach-su-dung-dat-2026.yml"
    )
    assert owner["to-chuc/files/so-do-to-chuc.png"] == "content/to-chuc/to-chuc.yml"


def test_a_one_file_kind_is_described_by_its_page(listed: dict) -> None:
    entry = listed["disclosures"]["content/can-bo/can-bo.yml"]
    assert entry == {
        "kind": "officials",
        "title": "Lãnh đạo và cán bộ đầu mối",
        "url": "can-bo/",
        "legal_dates": {},
    }


def test_a_changed_file_is_caught(built_example: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_example, copy)
    page = copy / "ngan-sach/2025/du-toan-duoc-giao/index.html"
    page.write_text(page.read_text("utf-8").replace("2025", "2052", 1), "utf-8")
    (copy / "them.html").write_text("<p>tệp lạ</p>", "utf-8")
    (copy / "robots.txt").unlink()
    assert manifest.verify(copy) == [
        "ngan-sach/2025/du-toan-duoc-giao/index.html: khác mã SHA-256 trong manifest.json",
        "them.html: không có trong manifest.json",
        "robots.txt: có trong manifest.json nhưng không có trên trang",
    ]


def test_the_same_site_gives_the_same_bytes(tree: Callable[..., Path], tmp_path: Path) -> None:
    config = load_config(tree())
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>Trang</p>", "utf-8")
    (site / "b.pdf").write_bytes(b"%PDF-1.4\n")

    class Owned:
        owners = (("a/index.html", "content/x.yml"),)

    first = manifest.write(site, config, Content(), Owned, AS_OF).read_bytes()  # type: ignore[arg-type]
    again = manifest.write(site, config, Content(), Owned, AS_OF).read_bytes()  # type: ignore[arg-type]
    assert first == again
    data = json.loads(first)
    assert [f["path"] for f in data["files"]] == ["a/index.html", "b.pdf"]
    assert data["files"][1] == {
        "path": "b.pdf",
        "size": 9,
        "sha256": hashlib.sha256(b"%PDF-1.4\n").hexdigest(),
        "disclosure": None,
    }


def test_the_check_page_explains_how_in_plain_words(built_example: Path) -> None:
    page = (built_example / "kiem-tra" / "index.html").read_text("utf-8")
    assert "<h1>Kiểm tra tính toàn vẹn</h1>" in page
    assert '<a href="../manifest.json">manifest.json</a>' in page
    for how in (
        "certutil -hashfile ten-tep.pdf SHA256",
        "Get-FileHash ten-tep.pdf",
        "sha256sum ten-tep.pdf",
        "shasum -a 256 ten-tep.pdf",
        "Kiểm tra bản niêm yết giấy",
        "mã SHA-256 rút gọn</strong> (16 ký tự đầu)",
    ):
        assert how in page, how
    ati = (built_example / "tiep-can-thong-tin" / "index.html").read_text("utf-8")
    assert '<a href="../kiem-tra/">Kiểm tra tính toàn vẹn</a>' in ati


def test_build_prints_the_manifest_hash_for_the_ci_log(
    tree: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import generator.build as build_module
    from generator.build import BuildResult, Checked
    from generator.cli import main
    from generator.report import Report

    config = tree()
    out = tmp_path / "site"
    out.mkdir()
    (out / "manifest.json").write_text('{"format": "congkhai-manifest/1"}\n', "utf-8")
    report = Report(AS_OF, "xã Thử Nghiệm", (), (), ())

    def built(config_path: Path, out_dir: Path, *args: object, **kwargs: object) -> BuildResult:
        return BuildResult(Checked(load_config(config_path), report, Content()), True, out_dir)

    monkeypatch.setattr(build_module, "build", built)
    assert main(["build", "--config", str(config), "--out", str(out), "--as-of", "2026-11-27"]) == 0
    digest = hashlib.sha256(b'{"format": "congkhai-manifest/1"}\n').hexdigest()
    assert f"Mã SHA-256 của {out}/manifest.json: {digest}" in capsys.readouterr().out
