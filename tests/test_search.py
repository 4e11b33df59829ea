"""The search index: Vietnamese folding, phrases, shards, and what is left out."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from generator import search
from generator.search import DIGITS, INDEX_DIR, build_index, fnv1a, fold, segments, text_of


@dataclass(frozen=True)
class P:
    url: str
    title: str
    body: str = ""
    description: str = ""
    noindex: bool = False
    section: str = ""


def decode(postings: str) -> list[tuple[int, int]]:
    """The (doc, weight) pairs of a postings string, as search.js reads them."""
    value = {c: i for i, c in enumerate(DIGITS)}
    out, doc, i = [], -1, 0
    while i < len(postings):
        c = value[postings[i]]
        i += 1
        if c >= 32:
            doc += 1
            out.append((doc, c - 32))
            continue
        gap, scale = 0, 1
        while c >= 16:
            gap += (c - 16) * scale
            scale *= 16
            c = value[postings[i]]
            i += 1
        doc += gap + c * scale + 2
        out.append((doc, value[postings[i]]))
        i += 1
    return out


def index_of(pages: list[P]) -> tuple[dict, dict[str, dict[str, str]], list[list[str]]]:
    files = dict(build_index(pages))
    manifest = json.loads(files[f"{INDEX_DIR}index.json"])
    terms: dict[str, dict[str, str]] = {}
    docs: list[list[str]] = []
    for path, data in sorted(files.items()):
        if path.startswith(f"{INDEX_DIR}t/"):
            shard = json.loads(data)
            for key in shard:
                assert path == f"{INDEX_DIR}t/{fnv1a(key) % manifest['shards']}.json", key
            terms.update(shard)
    for n in range(-(-manifest["docs"] // manifest["chunk"])):
        docs += json.loads(files[f"{INDEX_DIR}d/{n}.json"])
    return manifest, terms, docs


def test_fold_removes_tones_marks_and_the_stroke_of_d() -> None:
    assert fold("Đường") == "duong"
    assert fold("ngân") == "ngan"
    assert fold("nghèo") == "ngheo"
    assert fold("ĐẤT") == "dat"
    assert fold("khuyến") == "khuyen"


def test_fnv1a_is_the_standard_32_bit_hash() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_phrases_stop_at_punctuation_and_blocks() -> None:
    text = text_of("<p>Ngân sách xã.</p><p>Hộ <strong>nghèo</strong>, cận nghèo</p>")
    assert list(segments(text)) == [["ngân", "sách", "xã"], ["hộ", "nghèo"], ["cận", "nghèo"]]


def test_table_numbers_and_file_hashes_are_not_indexed() -> None:
    body = (
        '<table><tr><th scope="row">Chi thường xuyên</th><td class="ck-num">1.234.567</td></tr>'
        '</table><code class="ck-hash">9f86d081884c7d659a2feaa0c55ad015</code>'
    )
    text = text_of(body)
    assert "Chi thường xuyên" in text
    assert "234" not in text and "9f86" not in text


def test_each_spelling_is_kept_under_its_folded_syllable() -> None:
    _, terms, docs = index_of(
        [
            P("a/", "Đường giao thông", "<p>Làm đường liên thôn.</p>"),
            P("b/", "Nuôi dưỡng", "<p>Trợ cấp nuôi dưỡng.</p>"),
            P("c/", "Ngân sách", "<p>Dự toán ngân sách xã.</p>"),
        ]
    )
    assert set(terms["duong"]) == {"đường", "dưỡng"}
    urls = [d[0] for d in docs]
    assert [urls[doc] for doc, _ in decode(terms["duong"]["đường"])] == ["a/"]
    assert [urls[doc] for doc, _ in decode(terms["duong"]["dưỡng"])] == ["b/"]
    assert [urls[doc] for doc, _ in decode(terms["ngan sach"]["ngân sách"])] == ["c/"]


def test_weights_say_title_description_and_body() -> None:
    _, terms, docs = index_of(
        [
            P("a/", "Ngân sách", "<p>Khác.</p>", "Không"),
            P("b/", "Khác", "<p>Khác.</p>", "Ngân sách"),
            P("c/", "Khác", "<p>Ngân sách ngân sách.</p>"),
        ]
    )
    weights = {docs[doc][0]: w for doc, w in decode(terms["ngan"]["ngân"])}
    assert weights["a/"] & 16 and not weights["a/"] & 8 and weights["a/"] & 7 == 0
    assert weights["b/"] & 8 and not weights["b/"] & 16
    assert weights["c/"] & 7 > 0 and weights["c/"] < 8


def test_gaps_short_and_long_round_trip() -> None:
    pages = [P(f"p{n:04d}/", "Khác") for n in range(5000)]
    chosen = [0, 1, 2, 4, 7, 23, 24, 300, 301, 4999]
    pages = [
        dataclasses.replace(p, title="Đất đai") if n in chosen else p for n, p in enumerate(pages)
    ]
    _, terms, docs = index_of(pages)
    found = [docs[doc][0] for doc, _ in decode(terms["dat dai"]["đất đai"])]
    assert found == [f"p{n:04d}/" for n in chosen]


def test_named_lists_and_the_search_page_are_left_out() -> None:
    manifest, terms, docs = index_of(
        [
            P("ho-ngheo/danh-sach/", "Danh sách hộ nghèo", "<p>Nguyễn Văn A</p>", noindex=True),
            P(search.SEARCH_URL, "Tìm kiếm", "<p>Tìm kiếm</p>"),
            P("ho-ngheo/", "Hộ nghèo", "<p>Kết quả rà soát</p>", section="ho-ngheo"),
        ]
    )
    assert manifest["docs"] == 1
    assert [d[0] for d in docs] == ["ho-ngheo/"]
    assert "nguyen" not in terms and "tim" not in terms
    assert docs[0][2] == "Hộ nghèo, hộ cận nghèo"  # the section's title


def test_snippet_is_short_and_skips_the_repeated_title() -> None:
    body = "<p>Hộ nghèo</p><p>" + "Kết quả rà soát hộ nghèo năm 2024. " * 20 + "</p>"
    _, _, docs = index_of([P("a/", "Hộ nghèo", body)])
    snippet = docs[0][3]
    assert snippet.startswith("Kết quả rà soát")
    assert len(snippet) <= search.SNIPPET_CHARS + 2 and snippet.endswith("…")


def test_the_index_is_reproducible_and_split_into_small_shards() -> None:
    pages = [
        P(f"ngan-sach/{n}/", f"Công khai ngân sách năm {2000 + n}", "<p>Dự toán thu chi.</p>" * 50)
        for n in range(300)
    ]
    first, second = build_index(pages), build_index(list(reversed(pages)))
    assert first == second
    manifest = json.loads(first[0][1])
    assert manifest["shards"] > 1
    shards = [len(data) for path, data in first if "/t/" in path]
    assert len(shards) == manifest["shards"]
    assert sum(shards) / len(shards) < 1.5 * search.SHARD_BYTES
