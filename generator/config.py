"""Site configuration: who the commune is and how its site is built (site_config.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import schema
from .problems import Problem, SourceLocation, problem
from .values import format_date, parse_date
from .yamlsource import LineMap, YamlError, parse

UNIT_NAMES = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class FormerUnit:
    name: str
    until: date
    note: str = ""


@dataclass(frozen=True)
class Outage:
    """A planned suspension of the site (Decree 224/2026 Art. 13)."""

    start: date
    end: date  # expected restoration
    announced_on: date
    reason: str
    force_majeure: bool = False  # Art. 13 exempts force majeure from the 7 working days


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    content_dir: Path
    name: str
    unit: str
    province: str
    address: str
    phone: str
    email: str
    url: str
    provincial_portal: Link
    national_portal: Link
    name_en: str = ""
    fax: str = ""
    one_stop: str = ""
    former_units: tuple[FormerUnit, ...] = ()
    language: str = "vi"
    sample_data: bool = False
    has_portal: bool = True
    feedback: Link | None = None
    rating: Link | None = None
    legal_database: Link | None = None
    answer_days: int = 15
    outage: Outage | None = None

    @property
    def full_name(self) -> str:
        """'xã Nguyễn Trãi'."""
        return f"{UNIT_NAMES[self.unit]} {self.name}"

    @property
    def authority(self) -> str:
        """'UBND xã Nguyễn Trãi'."""
        return f"UBND {self.full_name}"

    @property
    def base_url(self) -> str:
        return self.url if self.url.endswith("/") else self.url + "/"


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _link(raw: dict | None) -> Link | None:
    return Link(str(raw["title"]), str(raw["url"])) if raw else None


def read_mapping(path: Path, shown: str, missing_code: str) -> tuple[dict[str, Any], LineMap]:
    """A configuration file's mapping and lines; ConfigError (in Vietnamese) otherwise."""
    if not path.is_file():
        raise ConfigError([problem(missing_code, None, value=shown)])
    try:
        data, lines = parse(path.read_text("utf-8-sig"))
    except YamlError as err:
        raise ConfigError(
            [problem(err.code, SourceLocation(shown, err.line), detail=err.detail)]
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [problem("file-encoding", SourceLocation(shown), offset=exc.start)]
        ) from None
    if not isinstance(data, dict):
        loc = SourceLocation(shown, 1)
        raise ConfigError(
            [problem("yaml-not-mapping", loc, found="không phải nhóm trường", kind="")]
        )
    return data, lines


def load_config(path: Path) -> SiteConfig:
    """Read and check site_config.yml; raise ConfigError with Vietnamese problems."""
    shown = path.name if path.parent == Path(".") else str(path)
    data, lines = read_mapping(path, shown, "config-missing")
    found = schema.check("site-config", data, lines, shown)
    if found:
        raise ConfigError(found)
    commune, site, links = data["commune"], data["site"], data["links"]
    former = tuple(
        FormerUnit(u["name"], parse_date(u["until"]) or date.min, u.get("note", ""))
        for u in commune.get("former_units", [])
    )
    outage = None
    if "outage" in data:
        o = data["outage"]
        dates = [parse_date(o[k]) for k in ("from", "to", "announced_on")]
        if any(d is None for d in dates):
            raise ConfigError(
                [
                    problem(
                        "date-format",
                        SourceLocation(shown, lines.line(("outage",)), "outage"),
                        value=o,
                    )
                ]
            )
        start, end, announced = dates[0], dates[1], dates[2]
        assert start is not None and end is not None and announced is not None
        if end < start:
            loc = SourceLocation(shown, lines.line(("outage", "to")), "outage.to")
            raise ConfigError(
                [problem("outage-order", loc, start=format_date(start), to=format_date(end))]
            )
        outage = Outage(start, end, announced, o["reason"], o.get("force_majeure") is True)
    return SiteConfig(
        path=path,
        content_dir=path.parent / "content",
        name=commune["name"],
        unit=commune["unit"],
        province=commune["province"],
        address=commune["address"],
        phone=commune["phone"],
        email=commune["email"],
        url=site["url"],
        provincial_portal=_link(links["provincial_portal"]),  # type: ignore[arg-type]
        national_portal=_link(links["national_portal"]),  # type: ignore[arg-type]
        name_en=commune.get("name_en", ""),
        fax=commune.get("fax", ""),
        one_stop=commune.get("one_stop", ""),
        former_units=former,
        language=site.get("language", "vi"),
        sample_data=bool(site.get("sample_data", False)),
        has_portal=bool(site.get("has_portal", True)),
        feedback=_link(links.get("feedback")),
        rating=_link(links.get("rating")),
        legal_database=_link(links.get("legal_database")),
        answer_days=int(data.get("questions", {}).get("answer_days", 15)),
        outage=outage,
    )
