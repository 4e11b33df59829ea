"""Load: find the content files, read them safely, and look at the files they reference.

This is the only stage that reads content from disk. It returns SourceDocuments (each a
parsed YAML mapping with its line map and the facts of every referenced file) and the
problems met on the way; nothing here judges what the content means.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
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
MAX_IMAGE_PIXELS = 60_000_000
PILImage.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # refuse decompression bombs
# Files a browser would run as code on the site's own address (a page, an SVG with script),
# and images whose location data (EXIF, GPS) we cannot strip: never published.
REFUSED_SUFFIXES = {
    **dict.fromkeys(
        (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl",
         ".xslt", ".js", ".mjs", ".swf", ".php"),
        "trình duyệt có thể chạy mã trong loại tệp này",
    ),
    **dict.fromkeys(
        (".tif", ".tiff", ".heic", ".heif", ".avif", ".bmp", ".dng", ".cr2", ".nef", ".raw"),
        "không xoá được thông tin vị trí (GPS) và máy chụp trong loại ảnh này",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class SourceDocument:
    """One content file as read: its kind, where it is, its data and its lines."""

    kind: Kind
    rel: str  # path shown to staff: content/…
    slug: str
    data: dict[str, Any]
    lines: LineMap
    files: dict[str, StoredFile] = field(default_factory=dict)  # key: value written in content
    refs: tuple[str, ...] = ()  # every `file:` value, whether it names a usable file or not

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


@lru_cache(maxsize=65536)  # folder names repeat from file to file
def slugify_path(text: str) -> str:
    """ASCII URL path from a file path: accents dropped, đ → d, spaces → '-'."""
    parts = []
    for part in text.split("/"):
        folded = unicodedata.normalize("NFKD", part.replace("đ", "d").replace("Đ", "D"))
        ascii_ = "".join(c for c in folded if not unicodedata.combining(c)).lower()
        clean = "".join(c if c.isalnum() and c.isascii() else "-" for c in ascii_)
        parts.append("-".join(p for p in clean.split("-") if p))
    return "/".join(parts)


def asset_dest(file: StoredFile) -> str:
    """Where a content file is published: its content path, made URL-safe."""
    folder, _, name = file.rel.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    safe = slugify_path(stem or name) + (f".{ext.lower()}" if dot else "")
    return f"{slugify_path(folder)}/{safe}" if folder else safe


def content_files(root: Path) -> list[tuple[Kind | None, Path]]:
    """Every YAML file under content/, sorted, with the kind its folder names."""
    return [
        (BY_FOLDER.get(rel.split("/", 1)[0]), Path(root, rel)) for rel, _ in _yaml_files(str(root))
    ]


def _yaml_files(top: str, prefix: str = "") -> Iterator[tuple[str, bool]]:
    """(path under `top`, is a link) of every YAML file: a folder's own files first, in
    name order, then its folders; hidden and '_' names skipped; linked folders not entered."""
    files: list[tuple[str, bool]] = []
    folders: list[str] = []
    try:
        with os.scandir(top) as found:
            for entry in found:
                if entry.name.startswith((".", "_")):
                    continue
                if entry.is_dir():
                    if not entry.is_symlink():
                        folders.append(entry.name)
                elif entry.name.endswith((".yml", ".yaml")):
                    files.append((prefix + entry.name, entry.is_symlink()))
    except OSError:  # a folder that cannot be listed is skipped, as os.walk does
        return
    yield from sorted(files)
    for name in sorted(folders):
        yield from _yaml_files(f"{top}/{name}", f"{prefix}{name}/")


@dataclass(frozen=True)
class Entry:
    """A content file found on disk, with its kind and the URL slug it will have."""

    kind: Kind
    path: Path
    rel: str  # content/…
    slug: str


def discover(root: Path, display_prefix: str = "content") -> tuple[list[Entry], list[Problem]]:
    """Every content file to read, and the problems of files in the wrong place."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen_slugs: dict[tuple[str, str], str] = {}
    root = root.resolve()
    folders = ", ".join(k.folder for k in KINDS)
    for rel_in_root, is_link in _yaml_files(str(root)):
        kind = BY_FOLDER.get(rel_in_root.split("/", 1)[0])
        path = Path(root, rel_in_root)
        rel = f"{display_prefix}/{rel_in_root}"
        loc = SourceLocation(rel)
        if kind is None:
            folder = rel_in_root.split("/")[0]
            problems.append(problem("unknown-folder", loc, folder=folder, folders=folders))
            continue
        rel_in_kind = rel_in_root.split("/", 1)[1]
        if kind.singleton and rel_in_kind != kind.singleton:
            problems.append(problem("singleton-file", loc, expected=kind.singleton))
            continue
        if not kind.nested and "/" in rel_in_kind:
            folder = rel_in_root.rsplit("/", 1)[0]
            problems.append(problem("unknown-folder", loc, folder=folder, folders=folders))
            continue
        # os.walk follows no linked folder, so only the file itself may be a link.
        if is_link and not path.resolve().is_relative_to(root):
            problems.append(problem("path-outside-content", loc, value=rel_in_root))
            continue
        slug = _slug_of(kind, rel_in_kind)
        if "" in slug.split("/"):
            problems.append(problem("slug-empty", loc, value=rel_in_kind))
            continue
        key = (kind.name, slug)
        if key in seen_slugs:
            problems.append(problem("duplicate-slug", loc, slug=slug, other=seen_slugs[key]))
            continue
        seen_slugs[key] = rel
        entries.append(Entry(kind, path, rel, slug))
    return entries, problems


def read(root: Path, entries: list[Entry]) -> Loaded:
    """Read the given content files."""
    documents: list[SourceDocument] = []
    problems: list[Problem] = []
    root = root.resolve()
    for entry in entries:
        doc, found = read_document(root, entry.path, entry.kind, entry.rel, entry.slug)
        problems.extend(found)
        if doc is not None:
            documents.append(doc)
    return Loaded(tuple(documents), tuple(problems))


def load(root: Path, display_prefix: str = "content") -> Loaded:
    """Read every content file under `root` (the content/ folder)."""
    entries, problems = discover(root, display_prefix)
    loaded = read(root, entries)
    return Loaded(loaded.documents, (*problems, *loaded.problems))


def read_file(path: Path) -> bytes | None:
    """A content file's bytes, or None if it is larger than a content file may be."""
    with open(path, "rb", buffering=0) as file:  # one open, one size, one read
        if os.fstat(file.fileno()).st_size > MAX_YAML_BYTES:
            return None
        return file.readall()


def read_document(
    root: Path, path: Path, kind: Kind, rel: str, slug: str, raw: bytes | None = None
) -> tuple[SourceDocument | None, list[Problem]]:
    """One content file, read and parsed; `raw`: its bytes (`read_file`), if already read."""
    loc = SourceLocation(rel)
    if raw is None:
        raw = read_file(path)
    if raw is None:
        size = human_size(path.stat().st_size)
        return None, [problem("file-too-large", loc, size=size, limit="10 MB")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        text = raw.decode()
    except UnicodeDecodeError as exc:
        return None, [problem("file-encoding", loc, offset=exc.start)]
    try:
        data, lines = parse(text, raw)
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
    # Only a file that says "file" can name one: no need to walk the others.
    refs = list(file_refs(data)) if "file" in text else []
    files, problems = _referenced_files(root, path.parent, refs, lines, rel)
    values = tuple(value for _, value in refs)
    return SourceDocument(kind, rel, slug, data, lines, files, values), problems


def file_refs(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, value) of every non-empty `file:` value in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "file" and isinstance(value, str) and value.strip():
                yield (*path, key), value
            else:
                yield from file_refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from file_refs(value, (*path, i))


def _referenced_files(
    root: Path,
    base: Path,
    refs: list[tuple[tuple[str | int, ...], str]],
    lines: LineMap,
    rel: str,
) -> tuple[dict[str, StoredFile], list[Problem]]:
    """Resolve every `file:` value; refuse anything that leaves content/."""
    files: dict[str, StoredFile] = {}
    problems: list[Problem] = []
    for path, value in refs:
        if value in files:
            continue
        stored, found = _stored_file(root, base, value)
        if stored is not None:
            files[value] = stored
        else:
            loc = SourceLocation(rel, lines.line(path), _field_name(path))
            problems.append(problem(found[0], loc, **found[1]))
    return files, problems


def _stored_file(
    root: Path, base: Path, value: str
) -> tuple[StoredFile | None, tuple[str, dict[str, Any]]]:
    """The file `value` names, or the code and values of the problem that refuses it."""
    candidate = Path(value)
    drive = len(value) > 1 and value[1] == ":"  # C:/… written on Windows
    if candidate.is_absolute() or ".." in candidate.parts or "\\" in value or drive:
        return None, ("path-outside-content", dict(value=value))
    try:
        resolved = (base / candidate).resolve()
        if not resolved.is_relative_to(root):
            return None, ("path-outside-content", dict(value=value))
        found = resolved.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the disk
        found = False
    if not found:
        return None, ("path-missing", dict(value=value))
    reason = REFUSED_SUFFIXES.get(resolved.suffix.lower()) or REFUSED_SUFFIXES.get(
        candidate.suffix.lower()
    )
    if reason:
        return None, ("file-type-refused", dict(value=value, reason=reason))
    size = resolved.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        return None, ("file-too-large", dict(size=human_size(size), limit="50 MB"))
    width = height = None
    if resolved.suffix.lower() in IMAGE_SUFFIXES:
        pixels = 0
        try:
            with warnings.catch_warnings():
                # Checked below, with a message; Pillow itself refuses above twice that.
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(resolved) as img:
                    width, height = img.size
                    pixels = width * height * getattr(img, "n_frames", 1)
                    img.verify()
        except PILImage.DecompressionBombError as exc:
            pixels = int(next(iter(re.findall(r"\d+", str(exc))), "0"))
        except Exception as exc:  # Pillow raises many types for broken images
            return None, ("image-unreadable", dict(value=value, detail=type(exc).__name__))
        if pixels > MAX_IMAGE_PIXELS:
            millions = f"{pixels / 1_000_000:.0f}"
            limit = MAX_IMAGE_PIXELS // 1_000_000
            return None, ("image-too-large", dict(value=value, pixels=millions, limit=limit))
    stored = StoredFile(
        resolved.relative_to(root).as_posix(), size, sha256_of(resolved), width, height
    )
    return stored, ("", {})


class SourceLines:
    """Lines of values in content files, read again only when a problem needs one.

    Records keep no lines (the fast YAML reader knows none): a later stage that finds a
    problem in a record asks here, and only that file is read again.
    """

    def __init__(self, root: Path):
        self.root = root
        self._maps: dict[str, LineMap] = {}

    def line(self, rel: str, path: tuple[str | int, ...]) -> int | None:
        """Line of `path` in the content file shown as `rel` (content/…), if it can be told."""
        lines = self._maps.get(rel)
        if lines is None:
            try:
                inside = rel.split("/", 1)[1]
                text = (self.root / inside).read_bytes().decode("utf-8-sig")
            except (IndexError, OSError, UnicodeDecodeError):
                text = ""
            lines = self._maps[rel] = LineMap(text=text)
        try:
            return lines.line(path)
        except YamlError:  # changed on disk since it was read
            return None


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
