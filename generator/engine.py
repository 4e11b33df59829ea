"""The site engine: MkDocs with Material, behind one function so it can be swapped.

We write a plain MkDocs project (mkdocs.yml and docs/) and build it in-process. Material
9.x is in maintenance and MkDocs 2 drops themes and plugins, so we use no plugin at all,
keep theme overrides small (theme/overrides) and pin `mkdocs<2`.
"""

from __future__ import annotations

import io
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from PIL import Image as PILImage

from .config import SiteConfig
from .kinds import KINDS
from .render import ATI_URL, DATA_URL, Asset, Page, Rendered
from .search import SEARCH_URL

THEME = Path(__file__).resolve().parent.parent / "theme"


class EngineError(Exception):
    """MkDocs failed; the message is for the technical administrator."""


@dataclass(frozen=True)
class Project:
    root: Path  # holds mkdocs.yml and docs/

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


def front_matter(page: Page) -> str:
    meta: dict[str, Any] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    if page.noindex:
        meta["robots"] = "noindex"
    if page.source:
        meta["source"] = page.source
    meta.update(page.meta)
    return (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000) + "---\n\n"
    )


def page_markdown(page: Page) -> str:
    """The Markdown file for a page: front matter, then our HTML as one raw block."""
    return f'{front_matter(page)}<div class="ck-page">\n{page.body.strip()}\n</div>\n'


def nav(config: SiteConfig, rendered: Rendered) -> list[Any]:
    """Only index pages in the nav: a full nav makes every page carry every link."""
    urls = {p.url for p in rendered.pages}
    items: list[Any] = [{"Trang chủ": "index.md"}]
    for kind in KINDS:
        if f"{kind.folder}/" in urls:
            items.append({kind.title: f"{kind.folder}/index.md"})
    fixed = (
        (ATI_URL, "Tiếp cận thông tin"),
        (DATA_URL, "Dữ liệu mở"),
        (SEARCH_URL, "Tìm kiếm"),
        ("en/", "English"),
    )
    for url, title in fixed:
        if url in urls:
            items.append({title: f"{url}index.md"})
    return items


def mkdocs_config(config: SiteConfig, rendered: Rendered, site_dir: Path) -> dict[str, Any]:
    return {
        "site_name": f"Cổng công khai {config.full_name}",
        "site_url": config.base_url,
        "site_description": (
            f"Thông tin công khai của chính quyền {config.full_name}, tỉnh {config.province}"
        ),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME / "overrides"),
            "language": "vi",
            "font": False,
            "features": ["navigation.top"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        "extra_css": ["assets/congkhai.css"],
        "plugins": [],
        "hooks": [str(Path(__file__).resolve().parent / "mkdocs_hooks.py")],
        "markdown_extensions": [],
        "nav": nav(config, rendered),
        "extra": {
            "commune": config.full_name,
            "province": config.province,
            "authority": config.authority,
            "sample_data": config.sample_data,
            "phone": config.phone,
            "email": config.email,
            "address": config.address,
            "generator": False,
        },
        "validation": {
            "nav": {"omitted_files": "ignore"},
            "links": {"unrecognized_links": "ignore"},
        },
    }


def write_project(config: SiteConfig, rendered: Rendered, root: Path, site_dir: Path) -> Project:
    """Write mkdocs.yml, docs/ and the assets; the project can be built by plain MkDocs."""
    project = Project(root)
    project.docs.mkdir(parents=True, exist_ok=True)
    for page in rendered.pages:
        target = project.docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page), "utf-8")
    for asset in rendered.assets:
        publish_asset(config.content_dir, asset, project.docs / asset.dest)
    shutil.copytree(THEME / "assets", project.docs / "assets", dirs_exist_ok=True)
    for dest, data in rendered.data:
        target = project.docs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    project.config_file.write_text(
        yaml.safe_dump(
            mkdocs_config(config, rendered, site_dir), allow_unicode=True, sort_keys=False
        ),
        "utf-8",
    )
    return project


def publish_asset(content_dir: Path, asset: Asset, target: Path) -> None:
    """Copy a content file into the site; images lose EXIF, GPS and other metadata."""
    source = content_dir / asset.file.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if asset.file.width is not None and asset.file.suffix in ("jpg", "jpeg", "png", "webp"):
        with PILImage.open(source) as img:
            img.load()
            fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[asset.file.suffix]
            options: dict[str, Any] = {"optimize": True} if fmt == "PNG" else {"quality": 85}
            buffer = io.BytesIO()
            # Saving without exif=/pnginfo= writes no EXIF, GPS or text chunks.
            img.save(buffer, fmt, **options)
        target.write_bytes(buffer.getvalue())
    else:
        shutil.copyfile(source, target)


def build(project: Project) -> None:
    """Run MkDocs on the project; raise EngineError with what MkDocs said."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        cfg = load_config(config_file=str(project.config_file))
        mkdocs_build(cfg)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise EngineError(f"{type(exc).__name__}: {exc}") from exc
