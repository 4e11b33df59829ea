"""A province's communes in one repository: province.yml, checked like site_config.yml.

Under Decree 224/2026 Art. 11 a commune's website is a component of the provincial
portal, on a domain of the form tenphuongxa.tentinhthanh.gov.vn. The province lists its
communes once (slug, name, domain and where each commune's site_config.yml lives); each
commune keeps its own content/ and config, exactly as a single-commune repository does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .config import ConfigError, read_mapping
from .problems import Problem, SourceLocation, problem

DEFAULT_FILES = (Path("province.yml"), Path("province") / "province.yml")

# Folders of the provincial site itself: no commune may take these slugs.
DASHBOARD_DIR = "bang-tong-hop"
PROVINCE_ASSETS_DIR = "tai-nguyen"
RESERVED = (DASHBOARD_DIR, PROVINCE_ASSETS_DIR, "assets", "index.html")


@dataclass(frozen=True)
class CommuneEntry:
    """One commune of the province: where its config is and where its site goes."""

    slug: str
    name: str
    domain: str
    config: Path  # its site_config.yml; content/ sits beside it

    @property
    def url(self) -> str:
        """Its address: the domain the province assigned (Decree 224/2026 Art. 11.4(c))."""
        return f"https://{self.domain}/"

    @property
    def folder(self) -> Path:
        return self.config.parent


@dataclass(frozen=True)
class Province:
    path: Path
    name: str
    domain: str
    communes: tuple[CommuneEntry, ...]
    url: str = ""
    authority: str = ""
    sample_data: bool = False

    def commune(self, slug: str) -> CommuneEntry:
        """The commune with this slug; ConfigError naming the slugs there are."""
        for entry in self.communes:
            if entry.slug == slug:
                return entry
        raise ConfigError(
            [
                problem(
                    "province-unknown-commune",
                    None,
                    value=slug,
                    file=_shown(self.path),
                    slugs=", ".join(e.slug for e in self.communes),
                )
            ]
        )


def _shown(path: Path) -> str:
    return path.name if path.parent == Path(".") else str(path)


def find_province(given: Path | None) -> Path:
    """The province file: the one given, else province.yml or province/province.yml here."""
    if given is not None:
        return given
    for candidate in DEFAULT_FILES:
        if candidate.is_file():
            return candidate
    return DEFAULT_FILES[0]


def load_province(path: Path) -> Province:
    """Read and check province.yml; raise ConfigError with every problem found."""
    shown = _shown(path)
    data, lines = read_mapping(path, shown, "province-missing")
    found = schema.check("province", data, lines, shown)
    if found:
        raise ConfigError(found)
    head = data["province"]
    domain = head["domain"]
    communes: list[CommuneEntry] = []
    problems: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(data["communes"]):
        line = lines.line(("communes", i))
        for key, what in (("slug", "Mã xã"), ("domain", "Tên miền")):
            seen = first.setdefault((key, raw[key]), line or 0)
            if seen != (line or 0):
                loc = SourceLocation(shown, lines.line(("communes", i, key)), f"communes.{key}")
                problems.append(
                    problem("province-duplicate", loc, what=what, value=raw[key], first=seen)
                )
        if raw["slug"] in RESERVED:
            loc = SourceLocation(shown, lines.line(("communes", i, "slug")), "communes.slug")
            problems.append(
                problem("province-reserved", loc, value=raw["slug"], reserved=", ".join(RESERVED))
            )
        if not raw["domain"].endswith("." + domain):
            loc = SourceLocation(shown, lines.line(("communes", i, "domain")), "communes.domain")
            problems.append(problem("province-domain", loc, value=raw["domain"], province=domain))
        config = Path(raw.get("config") or f"communes/{raw['slug']}/site_config.yml")
        communes.append(
            CommuneEntry(raw["slug"], raw["name"], raw["domain"], _beside(path, config))
        )
    if problems:
        raise ConfigError(problems)
    return Province(
        path=path,
        name=head["name"],
        domain=domain,
        communes=tuple(communes),
        url=head.get("url", ""),
        authority=head.get("authority") or f"UBND tỉnh {head['name']}",
        sample_data=bool(head.get("sample_data", False)),
    )


def _beside(province_file: Path, config: Path) -> Path:
    """`config` relative to the province file's folder, kept short for messages."""
    joined = province_file.parent / config
    return Path(os.path.normpath(joined))


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' → (2, 4): the second of four shares (1-based, like GitLab's CI_NODE_INDEX)."""
    index, sep, total = text.partition("/")
    if not sep or not index.isdigit() or not total.isdigit():
        raise ValueError(f"'{text}' không đúng dạng SỐ/TỔNG, ví dụ 2/4")
    i, n = int(index), int(total)
    if n < 1 or not 1 <= i <= n:
        raise ValueError(f"'{text}': cần 1 ≤ SỐ ≤ TỔNG")
    return i, n


# What a commune's build costs before its first byte of content (MkDocs, theme, search
# index), in bytes of content that take as long to build: about a second either way.
FIXED_WEIGHT = 1_000_000


def content_weight(entry: CommuneEntry) -> int:
    """How long the commune's build takes, roughly: a fixed part plus its content's bytes."""
    total = FIXED_WEIGHT
    for root, _dirs, files in os.walk(entry.folder / "content"):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def shard(communes: tuple[CommuneEntry, ...], index: int, total: int) -> tuple[CommuneEntry, ...]:
    """The communes that share `index` of `total` builds, in province order.

    Largest content first, each to the share with least so far: shares come out about
    equal in build time, and every machine computes the same split from the same commit.
    """
    loads = [0] * total
    owner: dict[str, int] = {}
    weighed = sorted(
        ((content_weight(e), pos, e) for pos, e in enumerate(communes)),
        key=lambda t: (-t[0], t[1]),
    )
    for weight, _pos, entry in weighed:
        target = min(range(total), key=lambda k: (loads[k], k))
        loads[target] += weight
        owner[entry.slug] = target + 1
    return tuple(e for e in communes if owner[e.slug] == index)
