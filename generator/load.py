"""Load: find the content files, read them safely, and look at the files they reference.

This is the only stage that reads content from disk. It returns SourceDocuments (each a
parsed YAML mapping with its line map and the facts of every referenced file) and the
problems met on the way; nothing here judges what the content means.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from .kinds import BY_FOLDER, KINDS, Kind
from .problems import Problem, SourceLocation, problem
from .records import StoredFile
from .yamlsource import LineMap, YamlError, parse

MAX_YAML_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
PILImage.MAX_IMAGE_PIXELS = 60_000_000  # refuse decompression bombs


@dataclass(frozen=True)
class SourceDocument:
    """One content file as read: its kind, where it is, its data and its lines."""

    kind: Kind
    rel: str  # path shown to staff: content/…
    slug: str
    data: dict[str, Any]
    lines: LineMap
    files: dict[str, StoredFile] = field(default_factory=dict)  # key: value written in content

    def at(self, path: tuple[str | int, ...], name: str | None = None) -> SourceLocation:
        return SourceLocation(self.rel, self.lines.line(path), name or _field_name(path))


def _field_name(path: tuple[str | int, ...]) -> str | None:
    if not path:
        return None
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True)
class Loaded:
    documents: tuple[SourceDocument, ...]
    problems: tuple[Problem, ...]


def _slug_of(kind: Kind, rel_in_kind: str) -> str:
    stem = rel_in_kind[: -len(Path(rel_in_kind).suffix)] if "." in rel_in_kind else rel_in_kind
    return slugify_path(stem)


def slugify_path(text: str) -> str:
    """ASCII URL path from a file path: accents dropped, đ → d, spaces → '-'."""
    parts = []
    for part in text.split("/"):
        folded = unicodedata.normalize("NFKD", part.replace("đ", "d").replace("Đ", "D"))
        ascii_ = "".join(c for c in folded if not unicodedata.combining(c)).lower()
        clean = "".join(c if c.isalnum() and c.isascii() else "-" for c in ascii_)
        parts.append("-".join(p for p in clean.split("-") if p))
    return "/".join(parts)


def content_files(root: Path) -> list[tuple[Kind | None, Path]]:
    """Every YAML file under content/, sorted, with the kind its folder names."""
    found: list[tuple[Kind | None, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.endswith((".yml", ".yaml")) or name.startswith((".", "_")):
                continue
            path = Path(dirpath) / name
            top = path.relative_to(root).parts[0]
            found.append((BY_FOLDER.get(top), path))
    return found


def load(root: Path, display_prefix: str = "content") -> Loaded:
    """Read every content file under `root` (the content/ folder)."""
    documents: list[SourceDocument] = []
    problems: list[Problem] = []
    seen_slugs: dict[tuple[str, str], str] = {}
    root = root.resolve()
    for kind, path in content_files(root):
        rel_in_root = path.relative_to(root).as_posix()
        rel = f"{display_prefix}/{rel_in_root}"
        loc = SourceLocation(rel)
        if kind is None:
            problems.append(
                problem(
                    "unknown-folder",
                    loc,
                    folder=rel_in_root.split("/")[0],
                    folders=", ".join(k.folder for k in KINDS),
                )
            )
            continue
        rel_in_kind = rel_in_root.split("/", 1)[1]
        if kind.singleton and rel_in_kind != kind.singleton:
            problems.append(problem("singleton-file", loc, expected=kind.singleton))
            continue
        if not kind.nested and "/" in rel_in_kind:
            problems.append(
                problem(
                    "unknown-folder",
                    loc,
                    folder=rel_in_root.rsplit("/", 1)[0],
                    folders=", ".join(k.folder for k in KINDS),
                )
            )
            continue
        doc, doc_problems = read_document(root, path, kind, rel, _slug_of(kind, rel_in_kind))
        problems.extend(doc_problems)
        if doc is None:
            continue
        key = (kind.name, doc.slug)
        if key in seen_slugs:
            problems.append(problem("duplicate-slug", loc, slug=doc.slug, other=seen_slugs[key]))
            continue
        seen_slugs[key] = rel
        documents.append(doc)
    return Loaded(tuple(documents), tuple(problems))


def read_document(
    root: Path, path: Path, kind: Kind, rel: str, slug: str
) -> tuple[SourceDocument | None, list[Problem]]:
    loc = SourceLocation(rel)
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        return None, [problem("file-too-large", loc, size=human_size(size), limit="10 MB")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [problem("file-encoding", loc, offset=exc.start)]
    try:
        data, lines = parse(text)
    except YamlError as err:
        return None, [problem(err.code, loc.at(line=err.line), detail=err.detail)]
    if not isinstance(data, dict):
        found = (
            "trống"
            if data is None
            else "một danh sách"
            if isinstance(data, list)
            else "một giá trị đơn"
        )
        return None, [problem("yaml-not-mapping", loc.at(line=1), found=found, kind=kind.name)]
    files, problems = _referenced_files(root, path.parent, data, lines, rel)
    return SourceDocument(kind, rel, slug, data, lines, files), problems


def _referenced_files(
    root: Path, base: Path, data: dict[str, Any], lines: LineMap, rel: str
) -> tuple[dict[str, StoredFile], list[Problem]]:
    """Resolve every `file:` value; refuse anything that leaves content/."""
    files: dict[str, StoredFile] = {}
    problems: list[Problem] = []

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "file" and isinstance(value, str) and value.strip():
                    check(value, (*path, key))
                else:
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    def check(value: str, path: tuple[str | int, ...]) -> None:
        loc = SourceLocation(rel, lines.line(path), _field_name(path))
        if value in files:
            return
        candidate = Path(value)
        if candidate.is_absolute() or ".." in candidate.parts or "\\" in value:
            problems.append(problem("path-outside-content", loc, value=value))
            return
        target = base / candidate
        resolved = target.resolve()
        if not resolved.is_relative_to(root):
            problems.append(problem("path-outside-content", loc, value=value))
            return
        if not resolved.is_file():
            problems.append(problem("path-missing", loc, value=value))
            return
        size = resolved.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            problems.append(problem("file-too-large", loc, size=human_size(size), limit="50 MB"))
            return
        width = height = None
        if resolved.suffix.lower() in IMAGE_SUFFIXES:
            try:
                with PILImage.open(resolved) as img:
                    width, height = img.size
                    img.verify()
            except Exception as exc:  # Pillow raises many types for broken images
                problems.append(
                    problem("image-unreadable", loc, value=value, detail=type(exc).__name__)
                )
                return
        files[value] = StoredFile(
            resolved.relative_to(root).as_posix(), size, sha256_of(resolved), width, height
        )

    walk(data, ())
    return files, problems


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
