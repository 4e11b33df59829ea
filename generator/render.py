"""Render: records and the report → pages (HTML bodies in Markdown files) and assets.

Python decides what each page shows (view values, links relative to the page, labels);
the Jinja2 templates in theme/templates only display. Each page is finished as soon as it
is made (head tags, search index, history) and its body left in the build's spool, as are
the data files (generator/spool.py): a big commune's pages and data would not fit in memory
together. Nothing else here touches the disk except reading templates.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from . import links, markup, search
from .charts import budget_chart
from .config import SiteConfig
from .kinds import BY_NAME, KINDS
from .load import asset_dest, human_size, slugify_path
from .records import (
    Attachment,
    BudgetDisclosure,
    Content,
    Disclosure,
    Document,
    Image,
    LandUsePlan,
    Notice,
    Officials,
    Organisation,
    Plan,
    PovertyReview,
    Procedure,
    Reception,
    Record,
    StoredFile,
)
from .report import Report
from .spool import Spool
from .values import format_amount, format_date

if TYPE_CHECKING:
    from .datasets import Dataset
    from .history import History
    from .withdrawals import Withdrawals

THEME = Path(__file__).resolve().parent.parent / "theme"
TEMPLATES = THEME / "templates"

PACKAGE_LABELS = {
    "draft_estimate": "Dự toán ngân sách trình HĐND xã",
    "approved_estimate": "Dự toán ngân sách được HĐND xã quyết định",
    "execution": "Tình hình thực hiện dự toán ngân sách",
    "final_accounts": "Quyết toán ngân sách được HĐND xã phê chuẩn",
}
PERIOD_LABELS = {"q1": "quý I", "h1": "6 tháng đầu năm", "m9": "9 tháng", "year": "cả năm"}
CATEGORY_LABELS = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "escaped_poor": "Hộ thoát nghèo",
    "escaped_near_poor": "Hộ thoát cận nghèo",
}
REVIEW_LABELS = {"annual": "định kỳ hằng năm", "regular": "thường xuyên"}
CHANNEL_LABELS = {
    "portal": "trang thông tin điện tử",
    "hq": "niêm yết tại trụ sở",
    "village": "niêm yết tại nhà văn hóa thôn",
    "loudspeaker": "đài truyền thanh xã",
    "village_heads": "qua trưởng thôn",
    "meeting": "hội nghị",
    "notice": "văn bản gửi",
}
ONLINE_LABELS = {"full": "Toàn trình", "partial": "Một phần", "none": "Chưa trực tuyến"}
STATUS_LABELS = {
    "planned": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "overdue": "Quá hạn",
}
DOC_STATUS = {"in_force": "Còn hiệu lực", "expired": "Hết hiệu lực", "replaced": "Bị thay thế"}
CONTACT_POINTS = {
    "ati": "Đầu mối cung cấp thông tin",
    "tthc": "Đầu mối thủ tục hành chính",
    "press": "Người phát ngôn",
    "complaints": "Tiếp nhận phản ánh, kiến nghị",
}
PLAN_TYPES = {"plan": "Quy hoạch sử dụng đất", "annual_plan": "Kế hoạch sử dụng đất hằng năm"}

# Fixed pages of the generated site, by URL.
CATALOGUE_URL = "danh-muc-cong-khai/"
QUARTERLY_URL = "danh-sach-cong-khai-theo-quy/"
ATI_URL = "tiep-can-thong-tin/"
EN_URL = "en/"
EN_CONTACTS_URL = "en/contacts/"
LOCALITY_URL = "to-chuc/dia-phuong/"
DATA_URL = "du-lieu/"
COMPLIANCE_URL = "muc-do-cong-khai/"
GUIDE_URL = "huong-dan/"
NOTICE_URL = "niem-yet/"  # under each disclosure's URL: its A4 notice for the notice board
CHECK_URL = "kiem-tra/"  # how to check files and paper notices against manifest.json
WITHDRAWN_URL = "thu-hoi/"  # disclosures withdrawn before their posting window ended


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, its title and its HTML body."""

    url: str  # "ngan-sach/2025/du-toan/" ("" for the home page)
    title: str
    body: str
    description: str = ""
    noindex: bool = False
    source: str = ""  # content file the page shows
    section: str = ""  # kind folder for navigation
    meta: tuple[tuple[str, str], ...] = ()  # more front matter: Open Graph type, JSON-LD, dates

    @property
    def path(self) -> str:
        """The Markdown file MkDocs reads, relative to docs/."""
        return f"{self.url}index.md" if self.url else "index.md"


@dataclass(frozen=True)
class Asset:
    """A content file to publish: copied (images re-encoded without metadata)."""

    file: StoredFile
    dest: str  # path in the site


@dataclass(frozen=True)
class Rendered:
    """Everything a build publishes; the page bodies and the data files wait in `spool`.

    `heads` are the pages, sorted by URL, with an empty body: what it takes to place, list
    and check them. `page()` gives a page with its body, one at a time.
    """

    heads: tuple[Page, ...]
    assets: tuple[Asset, ...]
    files: tuple[str, ...]  # site paths of the data files in the spool
    owners: tuple[tuple[str, str], ...]  # (site path, content file it belongs to)
    spool: Spool

    def page(self, head: Page) -> Page:
        """The page `head` with its body."""
        return replace(head, body=self.spool.body(head.url))

    @property
    def pages(self) -> tuple[Page, ...]:
        """Every page with its body, all in memory at once: for tests and small sites."""
        return tuple(map(self.page, self.heads))

    @property
    def data(self) -> tuple[tuple[str, bytes], ...]:
        """Every data file with its bytes (until published), all at once: for tests."""
        return tuple((dest, self.spool.read(dest)) for dest in self.files)

    def with_file(self, dest: str, data: bytes) -> Rendered:
        """These outputs and one more data file."""
        self.spool.write(dest, data)
        return replace(self, files=(*self.files, dest))


def relative(from_url: str, to: str) -> str:
    """Link from the page at `from_url` to `to` (a site path), as a relative URL."""
    base = from_url if from_url.endswith("/") or not from_url else from_url + "/"
    target_dir, _, target_file = (
        to.rpartition("/") if not to.endswith("/") else (to.rstrip("/"), "", "")
    )
    rel = posixpath.relpath(target_dir or ".", base.rstrip("/") or ".")
    rel = "" if rel == "." else rel + "/"
    if to.endswith("/") or to == "":
        return rel or "./"
    return rel + target_file


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["vdate"] = format_date
    env.filters["vnd"] = lambda v: format_amount(Decimal(str(v))) if v is not None else ""
    env.filters["md"] = lambda text, shift=1: jinja2.utils.markupsafe.Markup(
        markup.to_html(text, shift)
    )
    env.filters["channel"] = lambda c: CHANNEL_LABELS.get(c, c)
    env.filters["category"] = lambda c: CATEGORY_LABELS.get(c, c)
    env.filters["contact_point"] = lambda c: CONTACT_POINTS.get(c, c)
    env.filters["cell"] = _cell
    return env


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return str(value)


class Renderer:
    """Renders every page of one commune's site."""

    def __init__(
        self,
        config: SiteConfig,
        content: Content,
        report: Report | None,
        as_of: date,
        history: History | None = None,
        withdrawals: Withdrawals | None = None,
        spool: Spool | None = None,
    ):
        from . import pagemeta, publication  # they build on this module
        from .history import History
        from .withdrawals import REGISTER, Withdrawals

        self.config = config
        self.content = content
        self.report = report
        self.as_of = as_of
        self.links = links.Index(content)  # where plan evidence and related links lead
        self.history = history or History(False)
        self.withdrawals = withdrawals or Withdrawals(f"content/{REGISTER}")
        self.env = _environment()
        self.spool = spool or Spool()
        self.pages: list[Page] = []  # the pages made so far, their bodies in the spool
        self.assets: dict[str, Asset] = {}
        self.datasets: dict[tuple[str, str], Dataset] = {}  # (page url, table anchor) → data
        self.page_datasets: dict[str, list[Dataset]] = {}  # the same by page url, in order
        self.search_index = search.Index()
        self.annotate = pagemeta.annotator(self)  # head tags and date: in the page's meta
        self.finish = publication.finisher(self)  # history and outage notice: not searched

    # helpers ------------------------------------------------------------------------
    def template(self, name: str, **values: Any) -> str:
        return self.env.get_template(name).render(**values)

    def add(self, page: Page) -> None:
        """Finish a page and put its body in the spool; only its head stays in memory."""
        page = self.annotate(page)
        self.search_index.add(page)
        page = self.finish(page)
        self.spool.put_body(page.url, page.body)
        self.pages.append(replace(page, body=""))

    def add_all(self, pages: Iterable[Page]) -> None:
        for page in pages:
            self.add(page)

    def keep(self, files: Iterable[tuple[str, bytes]]) -> list[str]:
        """Put data files in the spool; their site paths."""
        kept = []
        for dest, data in files:
            self.spool.write(dest, data)
            kept.append(dest)
        return kept

    def publish(self, file: StoredFile) -> str:
        dest = asset_dest(file)
        self.assets.setdefault(dest, Asset(file, dest))
        return dest

    def files_view(self, url: str, items: Iterable[Attachment]) -> list[dict[str, Any]]:
        return [
            {
                "href": relative(url, self.publish(a.file)),
                "title": a.title,
                "suffix": a.file.suffix,
                "size": human_size(a.file.size),
                "sha256": a.file.sha256,
            }
            for a in items
        ]

    def image_view(self, url: str, image: Image | None) -> dict[str, Any] | None:
        if image is None:
            return None
        return {
            "href": relative(url, self.publish(image.file)),
            "alt": image.alt,
            "caption": image.caption,
            "width": image.file.width or "",
            "height": image.file.height or "",
        }

    def notice_href(self, url: str) -> str:
        """Link from the page at `url` to its A4 notice for the notice board."""
        return relative(url, url + NOTICE_URL)

    def downloads(self, url: str) -> dict[str, list[dict[str, str]]]:
        """CSV, XLSX and JSON links of each table on the page at `url`, by table anchor."""
        return {
            ds.anchor: [
                {"label": fmt.upper(), "href": relative(url, path)}
                for fmt, path in ds.files.items()
            ]
            for ds in self.page_datasets.get(url, ())
        }

    def basis(self, record: Record) -> tuple[str, ...]:
        own = tuple(getattr(record, "legal_basis", ()) or ())
        judged = self.report.legal_basis_for(record.source.path) if self.report else ()
        return tuple(dict.fromkeys((*judged, *own)))

    # pages --------------------------------------------------------------------------
    def render(self) -> Rendered:
        from . import (  # they build on this module
            background,
            compliance_pages,
            datasets,
            feeds,
            notices,
            opendata,
            publication,
            questions_pages,
        )

        self.datasets = datasets.collect(self)  # first: pages link to their tables' data
        for ds in self.datasets.values():
            self.page_datasets.setdefault(ds.page_url, []).append(ds)
        # The data files need only the datasets: make them in a second process meanwhile.
        open_data = background.start(lambda: opendata.publish(self))
        for record in self.content.records:
            renderer = RECORD_PAGES.get(type(record))
            if renderer is not None:
                renderer(self, record)
        self.kind_indexes()
        self.add_all(questions_pages.pages(self))
        self.catalogue()
        self.quarterly()
        self.ati_section()
        self.home()
        self.search_page()
        self.staff_guide()
        self.add_all(notices.notice_pages(self))
        compliance, calendar_files = compliance_pages.publish(self)
        self.add_all(compliance)
        data_pages, data_files = open_data()
        self.add_all(data_pages)
        self.add_all(publication.pages(self))  # kiem-tra/, thu-hoi/
        heads = tuple(sorted(self.pages, key=lambda p: p.url))
        assets = tuple(sorted(self.assets.values(), key=lambda a: a.dest))
        files = (
            *self.keep(self.search_index.files()),
            *data_files,
            *self.keep(feeds.publish(self)),
            *self.keep(calendar_files),
        )
        return Rendered(heads, assets, files, publication.owners(self, heads, assets), self.spool)

    def budget(self, d: BudgetDisclosure) -> None:
        body = self.template(
            "budget.html",
            d=d,
            basis=self.basis(d),
            notice_href=self.notice_href(d.url),
            data=self.downloads(d.url),
            package_label=PACKAGE_LABELS[d.package],
            period_label=PERIOD_LABELS.get(d.period, ""),
            files=self.files_view(d.url, d.attachments),
            charts=[
                Markup(chart) if (chart := budget_chart(t, f"bieu-{i}")) else None
                for i, t in enumerate(d.tables, 1)
            ],
        )
        self.add(
            Page(d.url, d.title, body, self.describe(d), source=d.source.path, section="ngan-sach")
        )

    def poverty(self, d: PovertyReview) -> None:
        villages: dict[str, Counter[str]] = defaultdict(Counter)
        members: Counter[str] = Counter()
        for h in d.households:
            villages[h.village][h.category] += 1
            members[h.village] += h.members or 0
        cats = [c for c in CATEGORY_LABELS if any(h.category == c for h in d.households)]
        rows = [
            {"name": v, "counts": [villages[v][c] for c in cats], "members": members[v]}
            for v in sorted(villages)
        ]
        totals = {
            "counts": [sum(villages[v][c] for v in villages) for c in cats],
            "members": sum(members.values()),
        }
        show_names = self.named_list_visible(d)
        body = self.template(
            "poverty.html",
            d=d,
            basis=self.basis(d),
            notice_href=self.notice_href(d.url),
            data=self.downloads(d.url),
            review_label=REVIEW_LABELS[d.review],
            categories=[{"label": CATEGORY_LABELS[c]} for c in cats],
            villages=rows,
            totals=totals,
            show_names=show_names,
            ati_url=relative(d.url, ATI_URL),
            files=self.files_view(d.url, d.attachments),
        )
        self.add(
            Page(
                d.url,
                d.title,
                body,
                self.describe(d),
                noindex=show_names,
                source=d.source.path,
                section="ho-ngheo",
            )
        )

    def named_list_visible(self, d: PovertyReview) -> bool:
        """A named list is shown only while it is posted (legal catalog §3.4)."""
        if not d.summary_only_after_posting or d.posting is None:
            return True
        return d.posting.end is None or self.as_of <= d.posting.end

    def land_use(self, d: LandUsePlan) -> None:
        body = self.template(
            "land_use.html",
            d=d,
            basis=self.basis(d),
            notice_href=self.notice_href(d.url),
            data=self.downloads(d.url),
            type_label=PLAN_TYPES[d.plan_type],
            maps=[self.image_view(d.url, m) for m in d.maps],
            files=self.files_view(d.url, d.attachments),
        )
        self.add(
            Page(d.url, d.title, body, self.describe(d), source=d.source.path, section="dat-dai")
        )

    def notice(self, d: Notice) -> None:
        body = self.template(
            "notice.html",
            d=d,
            basis=self.basis(d),
            files=self.files_view(d.url, d.attachments),
            notice_href=self.notice_href(d.url),
            data=self.downloads(d.url),
        )
        self.add(
            Page(d.url, d.title, body, self.describe(d), source=d.source.path, section="cong-khai")
        )

    def plan(self, d: Plan) -> None:
        counts = Counter(t.status for t in d.tasks)
        progress = (
            {
                "total": len(d.tasks),
                "done": counts["done"],
                "in_progress": counts["in_progress"],
                "planned": counts["planned"],
                "overdue": counts["overdue"],
            }
            if d.tasks
            else None
        )
        tasks = [
            {
                "no": t.no,
                "area": t.area,
                "sub_area": t.sub_area,
                "task": t.task,
                "lead": t.lead,
                "deadline": t.deadline,
                "status": t.status,
                "status_label": STATUS_LABELS[t.status],
                "evidence": [self.evidence_link(d.url, e) for e in t.evidence],
            }
            for t in d.tasks
        ]
        body = self.template(
            "plan.html",
            d=d,
            basis=self.basis(d),
            notice_href=self.notice_href(d.url),
            data=self.downloads(d.url),
            progress=progress,
            tasks=tasks,
            files=self.files_view(d.url, d.attachments),
        )
        self.add(
            Page(d.url, d.title, body, self.describe(d), source=d.source.path, section="ke-hoach")
        )

    def evidence_link(self, from_url: str, ref: str) -> dict[str, str]:
        """A link to other content, 'folder' or 'folder/slug'; no href when it leads nowhere."""
        found = self.links.resolve(ref)
        if isinstance(found, Record):
            return {"href": relative(from_url, found.url), "title": found.display_title}
        if found is not None:
            return {"href": relative(from_url, f"{found.folder}/"), "title": found.title}
        return {"href": "", "title": ref.strip()}  # the checker warns (link-broken)

    def procedure(self, p: Procedure) -> None:
        body = self.template(
            "procedure.html",
            p=p,
            online_label=ONLINE_LABELS[p.online],
            notice_href=self.notice_href(p.url),
        )
        description = f"Thủ tục {p.name}, lĩnh vực {p.field}" + (f", mã {p.code}" if p.code else "")
        self.add(Page(p.url, p.name, body, description, source=p.source.path, section="thu-tuc"))

    def document(self, d: Document) -> None:
        file = None
        if d.file:
            file = {
                "href": relative(d.url, self.publish(d.file)),
                "suffix": d.file.suffix,
                "size": human_size(d.file.size),
                "sha256": d.file.sha256,
            }
        body = self.template(
            "document.html",
            d=d,
            file=file,
            status_label=DOC_STATUS[d.status],
            notice_href=self.notice_href(d.url),
        )
        self.add(Page(d.url, d.title, body, d.abstract, source=d.source.path, section="van-ban"))

    def organisation(self, o: Organisation) -> None:
        url = "to-chuc/"
        body = self.template(
            "organisation.html",
            o=o,
            commune=self.config.full_name,
            chart=self.image_view(url, o.org_chart),
            en_href=relative(url, EN_URL),
            officials_href=relative(url, "can-bo/"),
            locality_href=relative(url, LOCALITY_URL),
        )
        self.add(
            Page(
                url,
                "Tổ chức bộ máy",
                body,
                "Chức năng, nhiệm vụ, cơ cấu tổ chức",
                source=o.source.path,
                section="to-chuc",
            )
        )
        if o.locality:
            body = self.template(
                "locality.html",
                o=o,
                former=self.config.former_units,
                map=self.image_view(LOCALITY_URL, o.locality.boundary_map),
            )
            self.add(
                Page(
                    LOCALITY_URL,
                    f"Giới thiệu {self.config.full_name}",
                    body,
                    "Giới thiệu địa phương",
                    source=o.source.path,
                    section="to-chuc",
                )
            )
        officials = self.content.one("officials")
        body = self.template(
            "en_index.html",
            o=o,
            name_en=self.config.name_en or self.config.full_name,
            province=self.config.province,
            address=self.config.address,
            phone=self.config.phone,
            email=self.config.email,
            contacts_href=relative(EN_URL, EN_CONTACTS_URL),
        )
        self.add(
            Page(
                EN_URL,
                "Organisation (English)",
                body,
                "Organisation and contacts in English",
                source=o.source.path,
                section="en",
            )
        )
        if isinstance(officials, Officials):
            body = self.template(
                "en_contacts.html",
                people=officials.officials,
                name_en=self.config.name_en or self.config.full_name,
                has_fax=any(x.fax for x in officials.officials),
            )
            self.add(
                Page(
                    EN_CONTACTS_URL,
                    "Contacts (English)",
                    body,
                    "Officials' contacts in English",
                    source=officials.source.path,
                    section="en",
                )
            )

    def officials(self, o: Officials) -> None:
        url = "can-bo/"
        body = self.template(
            "officials.html",
            people=o.officials,
            leaders=[x for x in o.officials if x.leader and x.bio],
            commune=self.config.full_name,
            en_href=relative(url, EN_CONTACTS_URL),
        )
        self.add(
            Page(
                url,
                "Lãnh đạo và cán bộ đầu mối",
                body,
                "Danh bạ công vụ",
                source=o.source.path,
                section="can-bo",
            )
        )

    def reception(self, r: Reception) -> None:
        body = self.template("reception.html", r=r)
        self.add(
            Page(
                "tiep-cong-dan/",
                "Tiếp công dân",
                body,
                "Nội quy, lịch tiếp công dân",
                source=r.source.path,
                section="tiep-cong-dan",
            )
        )

    # indexes and generated lists ----------------------------------------------------------
    def listing(self, url: str, records: Iterable[Any]) -> list[dict[str, str]]:
        return [
            {"href": relative(url, r.url), "title": r.display_title, "meta": self.meta(r)}
            for r in records
        ]

    def meta(self, r: Record) -> str:
        if isinstance(r, Disclosure) and r.published_on:
            return f"công khai ngày {format_date(r.published_on)}"
        if isinstance(r, Document):
            return f"ban hành ngày {format_date(r.issued_on)}"
        return ""

    def describe(self, d: Disclosure) -> str:
        parts = [d.title]
        if d.published_on:
            parts.append(f"công khai ngày {format_date(d.published_on)}")
        return ", ".join(parts)

    def kind_indexes(self) -> None:
        budgets = [r for r in self.content.of("budget") if isinstance(r, BudgetDisclosure)]
        by_year: defaultdict[int, list[BudgetDisclosure]] = defaultdict(list)
        for b in budgets:
            by_year[b.budget_year].append(b)
        order = {"draft_estimate": 0, "approved_estimate": 1, "execution": 2, "final_accounts": 3}
        porder = {"q1": 0, "h1": 1, "m9": 2, "year": 3, "": 4}
        url = "ngan-sach/"
        groups = [
            {
                "title": f"Năm ngân sách {year}",
                "anchor": f"nam-{year}",
                "items": self.listing(
                    url, sorted(items, key=lambda b: (order[b.package], porder[b.period]))
                ),
            }
            for year, items in sorted(by_year.items(), reverse=True)
        ]
        self.index_page(
            url,
            "budget",
            groups,
            "Dự toán, tình hình thực hiện và quyết toán ngân sách xã, kèm số liệu từng biểu mẫu.",
        )
        self.simple_index(
            "poverty",
            "Kết quả rà soát hộ nghèo, hộ cận nghèo hằng năm và thường xuyên.",
            key=lambda r: r.published_on or date.min,
        )
        self.simple_index(
            "land-use",
            "Quy hoạch, kế hoạch sử dụng đất đã được phê duyệt (Luật Đất đai 2024, Điều 75).",
            key=lambda r: r.published_on or date.min,
        )
        self.simple_index(
            "plans",
            "Kế hoạch, chương trình của xã và tiến độ thực hiện.",
            key=lambda r: r.published_on or date.min,
        )
        self.simple_index(
            "notices",
            "Các nội dung khác phải công khai theo Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11.",
            key=lambda r: r.published_on or date.min,
        )
        # procedures, grouped by field
        procs = [r for r in self.content.of("procedures") if isinstance(r, Procedure)]
        if procs:
            url = "thu-tuc/"
            by_field: dict[str, list[Procedure]] = defaultdict(list)
            for p in procs:
                by_field[p.field].append(p)
            groups = [
                {
                    "title": field_name,
                    "anchor": slugify_path(field_name),
                    "items": [
                        {
                            "href": relative(url, p.url),
                            "record": p,
                            "online": ONLINE_LABELS[p.online],
                        }
                        for p in sorted(items, key=lambda p: p.name)
                    ],
                }
                for field_name, items in sorted(by_field.items())
            ]
            body = self.template(
                "procedures_index.html",
                groups=groups,
                data=self.downloads(url),
                count=len(procs),
                authority=self.config.authority,
                national=self.config.national_portal,
            )
            self.add(
                Page(
                    url,
                    BY_NAME["procedures"].title,
                    body,
                    "Danh mục thủ tục hành chính",
                    section="thu-tuc",
                )
            )
        docs = sorted(
            (r for r in self.content.of("documents") if isinstance(r, Document)),
            key=lambda d: (d.issued_on, d.number),
            reverse=True,
        )
        if docs:
            url = "van-ban/"
            body = self.template(
                "documents_index.html",
                docs=[{"href": relative(url, d.url), "record": d} for d in docs],
                data=self.downloads(url),
            )
            self.add(
                Page(url, BY_NAME["documents"].title, body, "Danh sách văn bản", section="van-ban")
            )

    def simple_index(self, kind: str, intro: str, key: Callable[[Any], Any]) -> None:
        records = sorted(self.content.of(kind), key=key, reverse=True)
        if not records:
            return
        folder = BY_NAME[kind].folder
        url = f"{folder}/"
        self.index_page(
            url, kind, [{"title": "", "anchor": "", "items": self.listing(url, records)}], intro
        )

    def index_page(self, url: str, kind: str, groups: list[dict[str, Any]], intro: str) -> None:
        if not any(g["items"] for g in groups):
            return
        body = self.template("listing.html", groups=groups, intro=intro)
        self.add(Page(url, BY_NAME[kind].title, body, intro, section=BY_NAME[kind].folder))

    def disclosures(self) -> list[Disclosure]:
        found = [r for r in self.content.records if isinstance(r, Disclosure) and r.published_on]
        return sorted(found, key=lambda d: (d.published_on or date.min, d.url), reverse=True)

    def catalogue_entries(self, from_url: str) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        for d in self.disclosures():
            timing = f"từ {format_date(d.published_on)}"
            if d.posting and d.posting.end:
                timing = (
                    f"niêm yết {format_date(d.posting.start)}–{format_date(d.posting.end)} "
                    f"({d.posting.days} ngày); đăng trên trang từ {format_date(d.published_on)}"
                )
            elif d.posting:
                timing = f"niêm yết thường xuyên từ {format_date(d.posting.start)}"
            entries.append(
                {
                    "title": d.title,
                    "number": d.decision.number if d.decision else "",
                    "created": d.decision.date if d.decision else d.published_on,
                    "form": ", ".join(CHANNEL_LABELS.get(c, c) for c in d.channels),
                    "timing": timing,
                    "href": relative(from_url, d.url),
                    "url": self.config.base_url + d.url,
                    "published_on": d.published_on,
                }
            )
        return entries

    def catalogue(self) -> None:
        entries = self.catalogue_entries(CATALOGUE_URL)
        body = self.template(
            "catalogue.html",
            entries=entries,
            data=self.downloads(CATALOGUE_URL),
            authority=self.config.authority,
            as_of=self.as_of,
        )
        self.add(
            Page(
                CATALOGUE_URL,
                "Danh mục thông tin phải được công khai",
                body,
                "Danh mục thông tin phải được công khai",
                section="tiep-can-thong-tin",
            )
        )

    def quarterly(self) -> None:
        groups: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for e in self.catalogue_entries(QUARTERLY_URL):
            d: date = e["published_on"]
            groups[(d.year, (d.month - 1) // 3 + 1)].append(e)
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        quarters: list[dict[str, Any]] = [
            {
                "title": f"Quý {roman[q]} năm {y}",
                "anchor": f"{y}-q{q}",
                "entries": sorted(items, key=_published),
            }
            for (y, q), items in sorted(groups.items(), reverse=True)
        ]
        body = self.template("quarterly.html", quarters=quarters)
        self.add(
            Page(
                QUARTERLY_URL,
                "Danh sách nội dung đã công khai theo quý",
                body,
                "Danh sách công khai theo quý",
                section="tiep-can-thong-tin",
            )
        )

    def ati_section(self) -> None:
        officials = self.content.one("officials")
        contacts = (
            [o for o in officials.officials if "ati" in o.contact_point]
            if isinstance(officials, Officials)
            else []
        )
        body = self.template(
            "ati.html",
            authority=self.config.authority,
            catalogue_href=relative(ATI_URL, CATALOGUE_URL),
            catalogue_count=len(self.disclosures()),
            contacts=contacts,
            email=self.config.email,
            address=self.config.address,
            feedback=self.config.feedback,
            data_href=relative(ATI_URL, DATA_URL),
            check_href=relative(ATI_URL, CHECK_URL),
            withdrawn_href=relative(ATI_URL, WITHDRAWN_URL) if self.withdrawals.entries else "",
        )
        self.add(
            Page(
                ATI_URL,
                "Tiếp cận thông tin",
                body,
                "Chuyên mục tiếp cận thông tin",
                section="tiep-can-thong-tin",
            )
        )

    def staff_guide(self) -> None:
        """The Vietnamese guide for commune staff (HUONG-DAN.md), published with the site."""
        guide = THEME.parent / "HUONG-DAN.md"
        if not guide.is_file():
            return
        body = markup.to_html(guide.read_text("utf-8"))
        about = "Cách thêm từng loại nội dung, từ bảng Excel đến trang đã đăng"
        self.add(Page(GUIDE_URL, "Hướng dẫn cho cán bộ xã", body, about, section="huong-dan"))

    def search_page(self) -> None:
        """The search page; without JavaScript it lists the sections instead."""
        url = search.SEARCH_URL
        present = {p.url for p in self.pages}
        sections = [
            {"href": relative(url, target), "title": title}
            for target, title in (
                *((f"{k.folder}/", k.title) for k in KINDS),
                (ATI_URL, "Tiếp cận thông tin"),
                (CATALOGUE_URL, "Danh mục thông tin phải được công khai"),
            )
            if target in present
        ]
        body = self.template(
            "search.html",
            sections=sections,
            index_href=relative(url, search.INDEX_DIR),
            root_href=relative(url, ""),
            script_href=relative(url, "assets/search.js"),
        )
        about = "Tìm thông tin công khai, gõ có dấu hoặc không dấu"
        self.add(Page(url, "Tìm kiếm", body, about, section="tim-kiem"))

    def section_basis(self, folder: str) -> str:
        """The legal bases the checker applied to this section's files, most cited first."""
        if not self.report:
            return ""
        cited: Counter[str] = Counter()
        prefix = f"content/{folder}/"
        for r in self.report.requirements:
            if r.legal_basis and any(item.startswith(prefix) for item in r.items):
                cited[r.legal_basis[0]] += 1
        return "; ".join(basis for basis, _ in cited.most_common(3))

    def basis_of(self, requirement: str) -> str:
        found = [r for r in self.report.requirements if r.id == requirement] if self.report else []
        return "; ".join(found[0].legal_basis[:2]) if found else ""

    def home(self) -> None:
        latest = [
            {"href": relative("", d.url), "title": d.title, "meta": self.meta(d)}
            for d in self.disclosures()[:10]
        ]
        counts = Counter(r.kind for r in self.content.records)
        sections = []
        for kind in KINDS:
            if not counts[kind.name]:
                continue
            sections.append(
                {
                    "href": f"{kind.folder}/",
                    "title": kind.title,
                    "meta": f"({counts[kind.name]})" if not kind.singleton else "",
                    "basis": self.section_basis(kind.folder),
                }
            )
        sections.append(
            {
                "href": ATI_URL,
                "title": "Tiếp cận thông tin",
                "meta": "",
                "basis": self.basis_of("p-ati-section"),
            }
        )
        score = None
        if self.report:
            s = self.report.summary
            score = {
                "as_of": self.report.as_of,
                "met": s["met"],
                "judged": s["met"] + s["missing"] + s["incomplete"] + s["overdue"],
                "not_yet_due": s["not_yet_due"],
                "href": COMPLIANCE_URL,
            }
        body = self.template(
            "home.html",
            commune=self.config.full_name,
            province=self.config.province,
            latest=latest,
            sections=sections,
            score=score,
            authority=self.config.authority,
            address=self.config.address,
            phone=self.config.phone,
            email=self.config.email,
        )
        self.add(
            Page(
                "",
                f"Cổng công khai {self.config.full_name}",
                body,
                f"Thông tin công khai của chính quyền {self.config.full_name}, "
                f"tỉnh {self.config.province}",
            )
        )


def _published(entry: dict[str, Any]) -> date:
    published: date = entry["published_on"]
    return published


RECORD_PAGES: dict[type, Callable[[Renderer, Any], None]] = {
    BudgetDisclosure: Renderer.budget,
    PovertyReview: Renderer.poverty,
    LandUsePlan: Renderer.land_use,
    Notice: Renderer.notice,
    Plan: Renderer.plan,
    Procedure: Renderer.procedure,
    Document: Renderer.document,
    Organisation: Renderer.organisation,
    Officials: Renderer.officials,
    Reception: Renderer.reception,
}


def render(
    config: SiteConfig,
    content: Content,
    report: Report | None,
    as_of: date,
    *,
    history: History | None = None,
    withdrawals: Withdrawals | None = None,
    spool: Spool | None = None,
) -> Rendered:
    """Every page and asset of the site for `content` as of `as_of`.

    With `history` (generator/history.py) each record's page ends with its changes. Page
    bodies and data files go to `spool` (a new one if not given).
    """
    return Renderer(config, content, report, as_of, history, withdrawals, spool).render()
