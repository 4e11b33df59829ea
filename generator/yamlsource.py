"""Read YAML safely and remember the line of every value.

Two readers give the same values:

- the exact reader: PyYAML's composer (libyaml) gives nodes with marks, and we build plain
  Python values from them ourselves, so that (a) every value's line is known by its path,
  (b) dates stay the text staff wrote (validation decides what a date is, and says so in
  Vietnamese), and (c) alias bombs and absurd nesting are refused in bounded time instead
  of exhausting memory;
- the fast reader: yaml-rs (Rust) turns a whole file into values about seven times faster,
  but follows YAML 1.2 and keeps no lines. It is used only for files in which nothing can
  be read differently by the two (see `_fast_enough`): plain block YAML of names, text,
  whole and decimal numbers, true/false/null. Everything else takes the exact reader.

Lines are wanted only when something is wrong, so a file read by the fast reader gets its
line map from the exact reader on first use (`LineMap.line`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import yaml
import yaml_rs

Path_ = tuple[str | int, ...]

MAX_NODES = 500_000
MAX_DEPTH = 64
# Above this size a file may hold more nodes than MAX_NODES: count them before composing.
PRESCAN_FROM = 1_000_000


class YamlError(Exception):
    """A YAML document that cannot be read; carries the line and a Vietnamese detail."""

    def __init__(self, code: str, line: int | None, detail: str):
        super().__init__(detail)
        self.code = code
        self.line = line
        self.detail = detail


class LineMap:
    """Line numbers (1-based) of values, keyed by their path in the document.

    Built from the exact reader's marks, either at once or, for a file the fast reader
    read, from its text the first time a line is asked for.
    """

    __slots__ = ("_lines", "_text")

    def __init__(self, lines: dict[Path_, int] | None = None, text: str | None = None):
        self._lines = lines
        self._text = text

    @property
    def lines(self) -> dict[Path_, int]:
        if self._lines is None:
            self._lines = _exact(self._text or "")[1]._lines or {}
            self._text = None
        return self._lines

    def line(self, path: Path_) -> int | None:
        """Line of `path`, or of its nearest ancestor that has one."""
        lines = self.lines
        p = tuple(path)
        while True:
            if p in lines:
                return lines[p]
            if not p:
                return None
            p = p[:-1]


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

_constructor = yaml.SafeLoader(b"")
# libyaml's parser (when PyYAML was built with it) is ten times faster and keeps marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# A long run of digits written with a leading 0 or + (0312345670, +84912345678) is a phone
# or ID number, never a quantity: keep the text, not YAML 1.1's octal or decimal reading, so
# that the personal-data guard sees the digits staff typed.
_NUMBER_AS_TEXT = re.compile(r"[+0][\d_]{8,}")


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == _INT:
        if _NUMBER_AS_TEXT.fullmatch(node.value):
            return str(node.value)
        return _constructor.construct_yaml_int(node)
    if node.tag == _FLOAT:
        return _constructor.construct_yaml_float(node)
    if node.tag == _BOOL:
        return _constructor.construct_yaml_bool(node)
    if node.tag == _NULL:
        return None
    # Strings, timestamps and anything else stay text, normalised to NFC.
    return unicodedata.normalize("NFC", str(node.value))


def _translate_problem(exc: yaml.YAMLError) -> str:
    text = str(getattr(exc, "problem", "") or exc)
    text = f"{text} {getattr(exc, 'context', '') or ''}"
    known = {
        "mapping values are not allowed": "có dấu hai chấm ở chỗ không được phép (giá trị có "
        "dấu ':' cần đặt trong ngoặc kép, hoặc thụt lề sai)",
        "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
        "cannot start any token": "có ký tự tab hoặc ký tự lạ; YAML chỉ dùng dấu cách để thụt lề",
        "found unexpected end of stream": "tệp kết thúc khi chưa đóng ngoặc kép hoặc ngoặc",
        "did not find expected ',' or ']'": "danh sách trong ngoặc vuông [ ] chưa được đóng",
        "did not find expected ',' or '}'": "nhóm trong ngoặc nhọn { } chưa được đóng",
        "did not find expected key": "thụt lề không đều giữa các dòng",
        "expected '-' indicator": "dòng gạch đầu dòng '-' thụt lề không khớp",
        "expected <block end>, but found '-'": "dòng gạch đầu dòng '-' thụt lề không khớp",
        "duplicate anchor": "trùng tên mốc '&'",
        "undefined alias": "dùng '*' trỏ tới mốc chưa khai báo",
    }
    for key, vi in known.items():
        if key in text:
            return vi
    return "cấu trúc không hợp lệ"


# Flow brackets with nothing but other brackets between them: an innermost pair.
_BRACKETS = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")
# A line whose indentation and block indicators ('- ', '? ', ': ') reach this far.
_DEEP_BLOCK = re.compile(rf"\n[ \t\-?:]{{{MAX_DEPTH}}}")  # after a newline: a literal search


def _maybe_too_big(text: str) -> bool:
    """Whether composing `text` could go too deep or make too many nodes (cheap, may say yes)."""
    first_line = "\n" + text[:MAX_DEPTH]
    if len(text) > PRESCAN_FROM or _DEEP_BLOCK.match(first_line) or _DEEP_BLOCK.search(text):
        return True
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    # Peel innermost bracket pairs: after MAX_DEPTH rounds any pair left is nested deeper.
    brackets = _BRACKETS.sub("", text)
    for _ in range(MAX_DEPTH):
        brackets, peeled = _PAIR.subn("", brackets)
        if not peeled:
            return False
    return _PAIR.search(brackets) is not None


def _prescan(text: str) -> None:
    """Refuse, before composing, documents nested too deep or with too many nodes.

    libyaml's composer recurses in C (tens of thousands of '[' or '- ' crash the process)
    and builds every node before we can count them (minutes on a 10 MB list); its event
    stream is flat and cheap, so it is read first, and only for files that look suspicious.
    """
    if not _maybe_too_big(text):
        return
    depth = nodes = 0
    loader = _LOADER(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise YamlError("yaml-too-complex", line, "lồng nhau quá sâu")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise YamlError("yaml-too-complex", line, "quá nhiều phần tử")
    except yaml.YAMLError:
        return  # a syntax error: compose says where, in Vietnamese
    finally:
        loader.dispose()


def parse(text: str, data: bytes | None = None) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain values and a LineMap; raise YamlError.

    `data`: the UTF-8 bytes `text` was decoded from, if at hand (read faster than text).
    """
    if _fast_enough(text):
        try:
            if data is None:
                value = yaml_rs.loads(text, parse_datetime=False)
            else:
                value = yaml_rs.load(data, parse_datetime=False)
        except Exception:  # the exact reader says what is wrong, in Vietnamese
            value = None
        if isinstance(value, dict):
            return value, LineMap(text=text)
    return _exact(text)


# Where a scalar or key may begin: at the start of a line (after indentation and any
# "- "), after ": " or ", ", or after "[" or "{".
_AT = r"(?:^[ ]*(?:-[ ]+)*|[:,\-][ ]+|[\[{][ ]*)"
# A plain scalar that is one number-like word, up to the end of the line, a comma, a closing
# bracket or a comment.
_NUMBER_LIKE = r"(?=[-+.]?\d[\w.:+\-]*[ ]*(?:$|[,\]}]|[ ]\#))"
# What YAML 1.1 (the exact reader) and YAML 1.2 (yaml-rs) read differently, or what the
# exact reader treats specially (phone numbers kept as text, limits on aliases), plus
# anything rare enough not to be worth reasoning about.
_DIFFERENT = re.compile(
    rf"""(?mx)
    {_AT} {_NUMBER_LIKE} (?:
        [-+]?0[\d_xXoObB]                      # leading zero: octal, hex, phone and ID numbers
      | \+                                     # explicit plus: +84 phone numbers
      | [^ ,\]}}\n]*[_eE:]                     # digit separators, exponents, sexagesimal, times
    )
    | {_AT} (?:
        [-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)
      | (?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)[ ]*(?:$|[:,\]}}\#])
      | (?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~)?[ ]*:(?:[ ]|$)  # such keys, ""
      | (?:[+.\d]|-[^ \n])[^:,\]}}\n]*:(?:[ ]|$)  # keys that look like numbers
      | [&*!%@`?]                              # anchors, aliases, tags, complex keys
      | <<                                     # merge keys
    )
    | \[[^\]\n]*:[ ]                           # a mapping inside a flow list
    | ^(?:---|\.\.\.)                          # several documents
    | [\t\\]                                   # tabs, escapes
    """
)


# Where _DIFFERENT could match, something rare is present: each candidate below is found
# by a search for its first character (a literal, which the regex engine scans for fast),
# and only the lines it is on are checked with _DIFFERENT. Candidates whose first character
# is rare are looked for only if that character is in the file at all. Letters are
# searched in a lower-cased copy (the same length, else in the file with (?i)).
_BOUNDARY = r"(?<![^ \[{{,\n]{0})"  # the literal begins a value or a key
_CANDIDATES: list[tuple[str, re.Pattern[str]]] = [
    (first, re.compile(pattern, re.M))
    for first, pattern in [
        # A leading zero, also after a minus sign.
        (
            "0",
            "0(?:" + _BOUNDARY.format("0") + r"[\d_xXoObB]|(?<=-0)" + _BOUNDARY.format("-0") + ")",
        ),
        ("_", r"_(?<=\d_)"),
        # Times, sexagesimal numbers and keys that are numbers; empty keys.
        (":", r":(?:(?<=\d:)|" + _BOUNDARY.format(":") + ")"),
        ("[", r"\[[^\]\n]*:[ ]"),  # a mapping in a flow list
        ("<", "<<"),
        (".", r"\.(?<![^ \[{,\n\-]\.)"),  # .inf, .nan
        # Signs, anchors, tags, complex keys. (An alias needs an anchor; both readers refuse
        # values that begin with the other indicators: *, %, @, `.)
        *((c, re.escape(c) + rf"(?<![^ \[{{,\n]{re.escape(c)})") for c in "+~&!?"),
    ]
]
# Found in the lower-cased copy: exponents; YAML 1.1 booleans (the exact reader), which
# are text in YAML 1.2 (yaml-rs); YAML 1.2 booleans and nulls as keys, not text to yaml-rs.
_LOWER_CANDIDATES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (word, re.compile(word + rest, re.M), re.compile(rf"(?i){word}" + rest, re.M))
    for word, rest in [
        ("e", r"(?<=\de)"),
        *(
            (word, _BOUNDARY.format(word) + follows)
            for words, follows in [
                (("yes", "no", "on", "off"), r"(?=[ ]*(?:$|[:,\]}]|[ ]\#))"),
                (("true", "false", "null"), r"(?=[ ]*:(?:[ ]|$))"),
            ]
            for word in words
        ),
    ]
]


# Characters the exact reader refuses (control characters) or reads as line breaks (NEL,
# the Unicode line and paragraph separators) but YAML 1.2 keeps as text; tabs; escapes.
_UNUSUAL = re.compile(r"[^\n\r -\[\]-~\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _fast_enough(text: str) -> bool:
    """Whether the fast reader gives exactly what the exact reader would for `text`."""
    if _maybe_too_big(text) or not unicodedata.is_normalized("NFC", text):
        return False
    if _UNUSUAL.search(text) or text.startswith(("---", "...")):
        return False
    if "\n---" in text or "\n..." in text:
        return False
    lower = text.lower()
    same = len(lower) == len(text)  # positions in the copy are positions in the file
    for first, pattern in _CANDIDATES:
        if first in text and _differs(text, pattern.finditer(text)):
            return False
    for word, in_lower, in_text in _LOWER_CANDIDATES:
        if word in lower and _differs(
            text, in_lower.finditer(lower) if same else in_text.finditer(text)
        ):
            return False
    return True


def _differs(text: str, hits: Iterator[re.Match[str]]) -> bool:
    """Whether _DIFFERENT matches on any line with a hit."""
    checked = -1  # the end of the last line checked
    for hit in hits:
        if hit.start() < checked:
            continue
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        checked = end if end >= 0 else len(text)
        if _DIFFERENT.search(text, start, checked):
            return True
    return False


def _exact(text: str) -> tuple[Any, LineMap]:
    """The exact reader: values and their lines from libyaml's nodes."""
    _prescan(text)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(
            "yaml-syntax", mark.line + 1 if mark else None, _translate_problem(exc)
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError("yaml-syntax", None, _translate_problem(exc)) from None
    except RecursionError:
        raise YamlError("yaml-too-complex", None, "lồng nhau quá sâu") from None
    if root is None:
        return None, LineMap({})
    builder = _Builder()
    try:
        value = builder.build(root, (), 0)
    except RecursionError:
        raise YamlError("yaml-too-complex", None, "lồng nhau quá sâu") from None
    return value, LineMap(builder.lines)


class _Builder:
    """Plain values from nodes, noting each value's line by its path."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlError("yaml-too-complex", node.start_mark.line + 1, "quá nhiều phần tử")
        if depth > MAX_DEPTH:
            raise YamlError("yaml-too-complex", node.start_mark.line + 1, "lồng nhau quá sâu")
        lines = self.lines
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlError(
                        "yaml-too-complex", key_node.start_mark.line + 1, "không hỗ trợ '<<'"
                    )
                # Keys are names, never booleans: `no:` is the field "no", not False.
                if isinstance(key_node, yaml.ScalarNode):
                    key = unicodedata.normalize("NFC", str(key_node.value))
                else:
                    key = str(self.build(key_node, path, depth + 1))
                if key in out:
                    raise YamlError(
                        "yaml-syntax",
                        key_node.start_mark.line + 1,
                        f"trường '{key}' bị ghi hai lần",
                    )
                out[key] = self.build(value_node, (*path, key), depth + 1)
                # Point at the key ("b:"), not at the first line of a block value.
                lines[(*path, key)] = key_node.start_mark.line + 1
            lines.setdefault(path, node.start_mark.line + 1)
            return out
        raise YamlError("yaml-syntax", node.start_mark.line + 1, "kiểu dữ liệu lạ")
