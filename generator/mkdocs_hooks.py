"""MkDocs hooks (plain functions, not a plugin) that keep big builds fast.

1. render.py writes every page body as finished, sanitised HTML. Python-Markdown would
   only pass that HTML through, at a cost that dominates large builds (its HTML block
   parser walks every tag of every table), so the HTML is set aside before parsing and
   put back as the page content afterwards.
2. When congkhai builds (CONGKHAI_SHELLS names a JSON file), the pages outside the nav
   are left out of MkDocs and replaced by one "shell" page per folder depth, rendered by
   Material with placeholder title, description, head and body; engine.py fills a copy
   of the shell for each page. Material renders every such page identically apart from
   those values, so this does once what MkDocs would do a thousand times.
3. Every page MkDocs writes, the shells included, gets its Content-Security-Policy
   (generator/csp.py): the hashes of exactly the inline scripts Material put in it.

Without this file the site comes out the same, only slower and with no working CSP.
"""

from __future__ import annotations

import json
import os
from typing import Any

MARK = '<div class="ck-page">'
_stash: dict[str, str] = {}


def on_files(files: Any, config: Any) -> Any:
    plan_file = os.environ.get("CONGKHAI_SHELLS")
    if not plan_file:
        return files
    from mkdocs.structure.files import File

    with open(plan_file, encoding="utf-8") as handle:
        plan = json.load(handle)
    for src in plan["bulk"]:
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
    for src, text in plan["shells"].items():
        files.append(File.generated(config, src, content=text))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if markdown.lstrip().startswith(MARK):
        _stash[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _stash.pop(page.file.src_uri, html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Each page's Content-Security-Policy, with the hashes of its own inline scripts."""
    from generator import csp

    return csp.apply(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages made from a bare template (404.html)."""
    from generator import csp

    return csp.apply(output_content)
