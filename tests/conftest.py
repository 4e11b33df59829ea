"""Shared fixtures: small content trees written into tmp_path, and the example repository."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
commune:
  name: Thử Nghiệm
  unit: xa
  name_en: Thu Nghiem Commune
  province: Hưng Yên
  address: Trụ sở UBND xã Thử Nghiệm
  phone: "0221 3865 100"
  email: ubnd.thunghiem@hungyen.gov.vn
site:
  url: https://thunghiem.hungyen.gov.vn/
  sample_data: true
links:
  provincial_portal: {title: Cổng tỉnh, url: "https://hungyen.gov.vn/"}
  national_portal: {title: Cổng Dịch vụ công quốc gia, url: "https://dichvucong.gov.vn/"}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Callable[..., Path]:
    """Write a site_config.yml and the given content files; return the config path."""

    def make(files: dict[str, str] | None = None, config: str = CONFIG) -> Path:
        (tmp_path / "site_config.yml").write_text(config, "utf-8")
        (tmp_path / "content").mkdir(exist_ok=True)
        for rel, text in (files or {}).items():
            target = tmp_path / "content" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), "utf-8")
        return tmp_path / "site_config.yml"

    return make


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example commune (config and content) in tmp_path."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "site_config.yml"


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example commune built once per test run (as of 2026-11-27); returns the site folder."""
    from datetime import date

    from generator.build import build

    root = tmp_path_factory.mktemp("built-example")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "content", root / "content")
    result = build(root / "site_config.yml", root / "site", date(2026, 11, 27))
    assert result.built, [p.render() for p in result.checked.problems if p.blocking]
    return root / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example commune plus content that attacks the site (tests/hostile_content.py),
    built once as of 2026-11-27; returns the site folder."""
    from datetime import date

    from hostile_content import add_hostile_content

    from generator.build import build

    root = tmp_path_factory.mktemp("hostile-example")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "content", root / "content")
    add_hostile_content(root / "content")
    result = build(root / "site_config.yml", root / "site", date(2026, 11, 27))
    assert result.built, [p.render() for p in result.checked.problems if p.blocking]
    return root / "site"
