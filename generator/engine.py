"""The site engine: MkDocs with Material, behind one function so it can be swapped.

We write a plain MkDocs project (mkdocs.yml and docs/) and build it in-process. Material
9.x is in maintenance and MkDocs 2 drops themes and plugins, so we use no plugin at all,
keep theme overrides small (theme/overrides) and pin `mkdocs<2`.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml
from PIL import Image as PILImage
from PIL import ImageOps

from .config import Link, SiteConfig
from .kinds import KINDS
from .render import ATI_URL, COMPLIANCE_URL, DATA_URL, GUIDE_URL, Asset, Page, Rendered
from .search import SEARCH_URL

THEME = Path(__file__).resolve().parent.parent / "theme"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: same text, faster


class EngineError(Exception):
    """MkDocs failed; the message is for the technical administrator."""


@dataclass(frozen=True)
class Project:
    root: Path  # holds mkdocs.yml and docs/
    site_dir: Path
    base_url: str
    rendered: Rendered
    bulk: tuple[Page, ...] = ()  # heads of the pages filled from shells, not rendered by MkDocs
    sitemap: tuple[tuple[str, str], ...] = ()  # (url, last modified) of indexable pages
    config: SiteConfig | None = None
    files_later: bool = False  # content and data files go into the site after MkDocs

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
        "---\n"
        + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)
        + "---\n\n"
    )


def page_markdown(page: Page) -> str:
    """The Markdown file for a page: front matter, then our HTML as one raw block."""
    return f'{front_matter(page)}<div class="ck-page">\n{page.body.strip()}\n</div>\n'


def nav(config: SiteConfig, rendered: Rendered) -> list[Any]:
    """Only index pages in the nav: a full nav makes every page carry every link."""
    urls = {p.url for p in rendered.heads}
    items: list[Any] = [{"Trang chủ": "index.md"}]
    for kind in KINDS:
        if f"{kind.folder}/" in urls:
            items.append({kind.title: f"{kind.folder}/index.md"})
    fixed = (
        (ATI_URL, "Tiếp cận thông tin"),
        (COMPLIANCE_URL, "Mức độ công khai"),
        (DATA_URL, "Dữ liệu mở"),
        (SEARCH_URL, "Tìm kiếm"),
        ("en/", "English"),
        (GUIDE_URL, "Hướng dẫn cán bộ"),
    )
    for url, title in fixed:
        if url in urls:
            items.append({title: f"{url}index.md"})
    return items


def link(value: Link | None) -> dict[str, str] | None:
    return {"title": value.title, "url": value.url} if value else None


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
            "one_stop": config.one_stop,
            "feedback": link(config.feedback),
            "rating": link(config.rating),
            "generator": False,
        },
        "validation": {
            "nav": {"omitted_files": "ignore"},
            "links": {"unrecognized_links": "ignore"},
        },
    }


def write_project(
    config: SiteConfig, rendered: Rendered, root: Path, site_dir: Path, complete: bool = True
) -> Project:
    """Write mkdocs.yml and docs/; with `complete`, a project plain MkDocs can build whole.

    Without `complete` (an ordinary build, whose docs/ is thrown away) docs/ holds only what
    MkDocs itself renders; the other pages, the data files and the content files go
    straight into the site after MkDocs has run, instead of being written twice.
    """
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    settings = mkdocs_config(config, rendered, site_dir)
    in_nav = {path for item in settings["nav"] for path in item.values()}
    bulk = tuple(p for p in rendered.heads if p.path not in in_nav)
    for head in rendered.heads if complete else [p for p in rendered.heads if p.path in in_nav]:
        write_file(docs / head.path, page_markdown(rendered.page(head)).encode("utf-8"))
    shutil.copytree(THEME / "assets", docs / "assets", dirs_exist_ok=True)
    if complete:
        publish_files(config, rendered, docs)
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8"
    )
    sitemap = tuple(
        (p.url, dict(p.meta).get("published", "")) for p in rendered.heads if not p.noindex
    )
    return Project(root, site_dir, config.base_url, rendered, bulk, sitemap, config, not complete)


def write_file(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def publish_files(config: SiteConfig, rendered: Rendered, into: Path) -> None:
    """The content files (attachments, images) and the generated data files (moved there)."""
    for asset in rendered.assets:
        publish_asset(config.content_dir, asset, into / asset.dest)
    for dest in rendered.files:
        rendered.spool.publish(dest, into / dest)


def publish_asset(content_dir: Path, asset: Asset, target: Path) -> None:
    """Copy a content file into the site; images lose EXIF, GPS and other metadata."""
    source = content_dir / asset.file.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if asset.file.width is not None and asset.file.suffix in IMAGE_FORMATS:
        target.write_bytes(clean_image(source, IMAGE_FORMATS[asset.file.suffix]))
    else:
        shutil.copyfile(source, target)


IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}
# What an image keeps of its metadata: how to draw it, never who, where or with what.
_KEEP_INFO = {"transparency", "duration", "loop", "background", "disposal"}


def clean_image(source: Path, fmt: str) -> bytes:
    """The image re-encoded with no EXIF, GPS, XMP, comments or text; turned upright first."""
    with PILImage.open(source) as img:
        img.load()
        frames = getattr(img, "n_frames", 1)
        upright = img if frames > 1 else ImageOps.exif_transpose(img)
        upright.info = {k: v for k, v in img.info.items() if k in _KEEP_INFO}
        options: dict[str, Any] = {"quality": 85} if fmt in ("JPEG", "WEBP") else {}
        if fmt == "PNG":
            options["optimize"] = True
        if frames > 1:
            options["save_all"] = True
        buffer = io.BytesIO()
        # Saving without exif=, xmp=, pnginfo= or comment= writes none of them.
        upright.save(buffer, fmt, **options)
    return buffer.getvalue()


SHELL_DIR = "_ck-shell"
TOKENS = {"title": "CKTITLEq7", "description": "CKDESCq7", "head": "CKHEADq7", "body": "CKBODYq7"}


def shell_path(depth: int) -> str:
    """docs/ path of the shell page whose URL has `depth` folders."""
    return "/".join([SHELL_DIR, *(f"d{i}" for i in range(1, depth))]) + "/index.md"


def shell_markdown() -> str:
    meta = {"title": TOKENS["title"], "description": TOKENS["description"], "head": TOKENS["head"]}
    front = yaml.safe_dump(meta, sort_keys=True)
    return f'---\n{front}---\n\n<div class="ck-page">\n{TOKENS["body"]}\n</div>\n'


def fill(shell: str, shell_url: str, page: Page) -> str:
    """One page from the shell of its depth: the same Material HTML with its own values."""
    values = {
        TOKENS["title"]: escape(page.title, quote=False),
        TOKENS["description"]: escape(page.description or page.title),
        TOKENS["head"]: dict(page.meta).get("head", ""),
        TOKENS["body"]: page.body.strip(),
        shell_url: page.url,
    }
    return re.sub("|".join(map(re.escape, values)), lambda m: values[m.group()], shell)


def build(project: Project) -> None:
    """Run MkDocs on the project; raise EngineError with what MkDocs said."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    depths = sorted({p.url.count("/") for p in project.bulk})
    plan = {
        "bulk": [p.path for p in project.bulk],
        "shells": {shell_path(d): shell_markdown() for d in depths},
    }
    plan_file = project.root / "shells.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    previous = os.environ.get("CONGKHAI_SHELLS")
    os.environ["CONGKHAI_SHELLS"] = str(plan_file)
    try:
        cfg = load_config(config_file=str(project.root / "mkdocs.yml"))
        mkdocs_build(cfg)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc
    except Exception as exc:  # a theme template or hook can fail in any way
        raise EngineError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if previous is None:
            os.environ.pop("CONGKHAI_SHELLS", None)
        else:
            os.environ["CONGKHAI_SHELLS"] = previous
        plan_file.unlink(missing_ok=True)
    fill_pages(project, depths)


def fill_pages(project: Project, depths: list[int]) -> None:
    """Write every bulk page from its shell, then remove the shells and write the sitemap."""
    site = project.site_dir
    shells = {}
    for depth in depths:
        url = shell_path(depth)[: -len("index.md")]
        shells[depth] = (url, (site / url / "index.html").read_text("utf-8"))
    for head in project.bulk:
        shell_url, shell = shells[head.url.count("/")]
        target = site / head.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(shell, shell_url, project.rendered.page(head)), "utf-8")
    shutil.rmtree(site / SHELL_DIR, ignore_errors=True)
    if project.files_later:
        assert project.config is not None
        publish_files(project.config, project.rendered, site)
    (site / "sitemap.xml").write_text(sitemap(project), "utf-8")
    (site / "sitemap.xml.gz").unlink(missing_ok=True)


def sitemap(project: Project) -> str:
    """Every indexable page, dated by publication (not build time) so rebuilds agree."""
    rows = []
    for url, published in sorted(project.sitemap):
        lastmod = f"<lastmod>{published}</lastmod>" if published else ""
        rows.append(f"<url><loc>{escape(project.base_url + url)}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )
