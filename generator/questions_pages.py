"""Render the questions section: a page per question, an index by topic and one by month.

Every page of the section says how to ask (the commune's email, its one-stop desk, the
provincial feedback service) and links to the satisfaction-rating service configured in
site_config.yml; the index shows, per quarter of receipt, how many questions were answered,
how many on time, and the median days to answer (figures from questions.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import questions
from .kinds import BY_NAME
from .load import slugify_path
from .records import Question
from .render import Page, Renderer, relative
from .values import format_date

FOLDER = BY_NAME["questions"].folder
INDEX_URL = f"{FOLDER}/"
MONTHS_URL = f"{FOLDER}/theo-thang/"


def pages(r: Renderer) -> list[Page]:
    """Every page of the questions section; none when the commune has no questions yet."""
    found = sorted(
        (q for q in r.content.of("questions") if isinstance(q, Question)),
        key=lambda q: (q.received_on, q.slug),
        reverse=True,
    )
    if not found:
        return []
    out = [question_page(r, q) for q in found]
    out.append(index_page(r, found))
    out.append(months_page(r, found))
    return out


def ask_view(r: Renderer, from_url: str) -> dict[str, Any]:
    """How to ask, as the shared macro `how_to_ask` shows it."""
    config = r.config
    reception = r.content.one("reception")
    return {
        "email": config.email,
        "one_stop": config.one_stop,
        "feedback": config.feedback,
        "rating": config.rating,
        "days": config.answer_days,
        "reception_href": relative(from_url, "tiep-cong-dan/") if reception else "",
        "index_href": relative(from_url, INDEX_URL) if from_url != INDEX_URL else "",
    }


def question_page(r: Renderer, q: Question) -> Page:
    judged = questions.judge(q, r.as_of, r.config.answer_days)
    related = [r.evidence_link(q.url, ref) for ref in q.related]
    body = r.template(
        "question.html",
        q=q,
        channel=questions.CHANNEL_LABELS.get(q.channel, q.channel),
        topic_href=relative(q.url, INDEX_URL) + f"#{slugify_path(q.topic)}",
        answered_on=judged.answered_on,
        days=judged.days,
        due=judged.due,
        related=related,
        files=r.files_view(q.url, q.attachments),
        ask=ask_view(r, q.url),
    )
    state = (
        f"đã trả lời ngày {format_date(judged.answered_on)}"
        if judged.answered_on
        else "đang chờ trả lời"
    )
    description = f"Câu hỏi về {q.topic}, nhận ngày {format_date(q.received_on)}; {state}"
    return Page(q.url, q.display_title, body, description, source=q.source.path, section=FOLDER)


def _item(from_url: str, q: Question, r: Renderer) -> dict[str, str]:
    answered = q.answered_as_of(r.as_of)
    meta = f"nhận {format_date(q.received_on)}; " + (
        f"trả lời {format_date(answered)}" if answered else "chưa trả lời"
    )
    return {"href": relative(from_url, q.url), "title": q.display_title, "meta": meta}


def index_page(r: Renderer, found: list[Question]) -> Page:
    by_topic: dict[str, list[Question]] = defaultdict(list)
    for q in found:
        by_topic[q.topic].append(q)
    groups = [
        {
            "title": topic,
            "anchor": slugify_path(topic),
            "items": [_item(INDEX_URL, q, r) for q in items],
        }
        for topic, items in sorted(by_topic.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    body = r.template(
        "questions_index.html",
        groups=groups,
        quarters=questions.by_quarter(found, r.as_of, r.config.answer_days),
        as_of=r.as_of,
        days=r.config.answer_days,
        months_href=relative(INDEX_URL, MONTHS_URL),
        ask=ask_view(r, INDEX_URL),
    )
    intro = "Câu hỏi của người dân và trả lời của UBND xã, xếp theo lĩnh vực"
    return Page(INDEX_URL, BY_NAME["questions"].title, body, intro, section=FOLDER)


def months_page(r: Renderer, found: list[Question]) -> Page:
    by_month: dict[tuple[int, int], list[Question]] = defaultdict(list)
    for q in found:
        by_month[(q.received_on.year, q.received_on.month)].append(q)
    groups = [
        {
            "title": f"Tháng {month}/{year}",
            "anchor": f"{year}-{month:02d}",
            "items": [_item(MONTHS_URL, q, r) for q in items],
        }
        for (year, month), items in sorted(by_month.items(), reverse=True)
    ]
    intro = "Câu hỏi của người dân và trả lời của UBND xã, xếp theo tháng nhận câu hỏi."
    body = r.template(
        "questions_months.html", groups=groups, intro=intro, ask=ask_view(r, MONTHS_URL)
    )
    return Page(MONTHS_URL, "Hỏi đáp theo tháng", body, intro, section=FOLDER)
