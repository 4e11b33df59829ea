"""Print notices: an A4 page for the notice board for every disclosure, procedure and document."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from small_commune import BUDGET, files, page, read_qr, render_site

from generator import engine
from generator.notices import place_date

NOTICE = "ngan-sach/2025/du-toan/niem-yet/"


def qr_of(html: str) -> str:
    svg = re.search(r"<svg[^>]*class=\"ck-qr\".*?</svg>", html, re.S)
    assert svg, "no QR code on the page"
    return read_qr(svg.group(0))


def test_place_and_date_as_an_administrative_document_writes_them() -> None:
    assert place_date("Nguyễn Trãi", date(2026, 1, 5)) == "Nguyễn Trãi, ngày 05 tháng 01 năm 2026"
    assert place_date("Nguyễn Trãi", date(2024, 12, 26)) == "Nguyễn Trãi, ngày 26 tháng 12 năm 2024"
    assert place_date("Nguyễn Trãi", date(2024, 3, 9)) == "Nguyễn Trãi, ngày 09 tháng 3 năm 2024"


def test_every_disclosure_procedure_and_document_has_a_notice(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    notices = {p.url for p in rendered.pages if p.url.endswith("/niem-yet/")}
    assert notices == {
        "ngan-sach/2025/du-toan/niem-yet/",
        "ho-ngheo/ra-soat-2026/niem-yet/",
        "van-ban/21-qd-ubnd/niem-yet/",
        "cong-khai/ke-hoach-2027/niem-yet/",
    }
    for url in notices:
        disclosure = page(rendered, url.removesuffix("niem-yet/"))
        assert (
            '<p class="ck-actions"><a href="niem-yet/">Bản niêm yết A4 để in</a></p>' in disclosure
        )
    notice_pages = [p for p in rendered.pages if p.url in notices]
    assert all(p.noindex for p in notice_pages)
    assert all("robots: noindex" in engine.front_matter(p) for p in notice_pages)


def test_budget_notice_reads_like_an_administrative_notice(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    html = page(rendered, NOTICE)
    header = re.sub(r"\s+", " ", html[html.index("<header") : html.index("</header>")])
    assert (
        '<div class="ck-notice-issuer"> <p class="ck-notice-org">UBND XÃ THỬ NGHIỆM</p> </div>'
    ) in header
    assert '<p class="ck-notice-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>' in header
    assert '<p class="ck-notice-slogan">Độc lập - Tự do - Hạnh phúc</p>' in header
    assert '<p class="ck-notice-place">Thử Nghiệm, ngày 26 tháng 12 năm 2024</p>' in header
    assert '<h1 class="ck-notice-heading">THÔNG BÁO NIÊM YẾT CÔNG KHAI</h1>' in html
    assert "<li>Luật Ngân sách nhà nước số 83/2015/QH13</li>" in html
    assert (
        "<strong>Thời gian niêm yết:</strong> Từ ngày 26/12/2024 đến hết ngày 03/02/2025 (40 ngày)."
    ) in html
    assert "<strong>Địa điểm niêm yết:</strong> Trụ sở UBND xã; Nhà văn hóa thôn 1." in html
    assert "Biểu số 108/CK TC-NSNN: Cân đối dự toán" in html
    assert "DỮ LIỆU MẪU" in html
    assert "Tải dữ liệu" not in html  # paper has no download links


def test_notice_carries_qr_code_of_the_page_and_short_file_hashes(
    tree: Callable[..., Path],
) -> None:
    renderer, rendered = render_site(tree(files()))
    html = page(rendered, NOTICE)
    assert qr_of(html) == "https://thunghiem.hungyen.gov.vn/ngan-sach/2025/du-toan/"
    assert "https://" not in html.split("<svg")[1].split("</svg>")[0].replace(
        "https://thunghiem.hungyen.gov.vn/", ""
    ), "the QR code refers to nothing outside the page"
    budget = renderer.content.of("budget")[0]
    digest = budget.attachments[0].file.sha256  # type: ignore[attr-defined]
    assert f'<code class="ck-hash">{digest[:16]}</code>' in html
    assert digest[16:] not in html
    document = page(rendered, "van-ban/21-qd-ubnd/niem-yet/")
    assert "Toàn văn Quyết định số 21/QĐ-UBND (21-qd-ubnd.pdf)" in document
    assert "Thời gian niêm yết:</strong> từ ngày ……/……/…………" in document


def test_long_table_prints_totals_and_main_items_with_a_note(tree: Callable[..., Path]) -> None:
    items = "".join(f"  - ['{i}', Khoản chi {i}, 1, null]\n" for i in range(1, 40))
    long_budget = BUDGET.replace(
        "  - [A, TỔNG THU, 300, 94.5]\n",
        "  - [A, TỔNG THU, 139, 94.5]\n",
    ).replace("  - [II, Thu bổ sung, 200, 0]\n", "  - [II, Thu bổ sung, 39, 0]\n" + items)
    _, rendered = render_site(tree({**files(), "ngan-sach/2025/du-toan.yml": long_budget}))
    html = page(rendered, NOTICE)
    assert "TỔNG THU" in html and "Thu bổ sung" in html
    assert "Khoản chi 1<" not in html
    assert "Bảng đầy đủ có 44 dòng; bản in này gồm 3 dòng tổng và mục lớn." in html
    assert "Khoản chi 39" in page(rendered, "ngan-sach/2025/du-toan/")


def test_poverty_notice_names_households_only_while_posted(tree: Callable[..., Path]) -> None:
    config = tree(files())
    _, during = render_site(config, date(2026, 12, 1))
    html = page(during, "ho-ngheo/ra-soat-2026/niem-yet/")
    assert "Trịnh Thị Hà" in html and "Họ tên chủ hộ" in html
    _, after = render_site(config, date(2026, 12, 22))
    html = page(after, "ho-ngheo/ra-soat-2026/niem-yet/")
    assert "Trịnh Thị Hà" not in html
    assert "Số hộ theo thôn và phân loại" in html
    assert "Thời gian niêm yết danh sách có tên đã kết thúc" in html


def test_example_notice_qr_decodes_to_its_page_and_stays_out_of_sitemap(
    built_example: Path,
) -> None:
    html = (built_example / "ngan-sach/2025/du-toan-duoc-giao/niem-yet/index.html").read_text(
        "utf-8"
    )
    assert qr_of(html) == "https://nguyentrai.hungyen.gov.vn/ngan-sach/2025/du-toan-duoc-giao/"
    assert '<meta name="robots" content="noindex">' in html
    sitemap = (built_example / "sitemap.xml").read_text("utf-8")
    assert "/niem-yet/" not in sitemap
    assert "https://nguyentrai.hungyen.gov.vn/ngan-sach/2025/du-toan-duoc-giao/</loc>" in sitemap
    notices = list(built_example.rglob("niem-yet/index.html"))
    assert len(notices) >= 80
    home = (built_example / "index.html").read_text("utf-8")
    assert "niem-yet" not in home  # not in the navigation
