"""A small inline Markdown subset for profile text: ``*em*``, ``**strong**``, `` `code` ``
and ``[text](url)``, with backslash escapes; and pandoc's ``[text]{.underline}`` and
``[text]{.smallcaps}`` (BibTeX's ``\\underline`` student markers and ``\\textsc`` names);
and GitLab's ``$`math`$`` (plain dollars stay text: "$5 or $10"), when docutils can read
it as MathML.

Parsed here, not by the page's parser, so RST and MyST pages render a field the same.
Anything that is not a complete construct stays literal text, so stray ``_``, ``*`` or
``<script>`` come out exactly as written.

Why not markdown-it-py (installed with myst-parser), measured 2026-12-02 (issue 17): with
the ``zero`` preset plus emphasis, backticks, link and escape, mdit-py-plugins' ``attrs``
(spans) and ``texmath`` (GitLab delimiters), and the link policy left to us, its spans
equal these on the example site (334 strings) and the benchmark profile of 1,000
publications (13,699 strings), but differ on 27 of the 941 texts the inline, BibTeX,
export, citation, snippet and real-world tests parse: CommonMark's flanking rules read
``:*"*é#:`` or ``xé*#A#*`` as text where a CV means emphasis, ``[](x)`` and ``[x]()``
become links with no text or no target, NUL becomes U+FFFD and CR a newline. It is also
slower (CPU, best of 3): 0.012 s against 0.010 s over the benchmark profile with the same
no-markup fast path (0.10 s without it), 0.0014 s against 0.0003 s over its 47 texts with
markup, 0.41 s against 0.16 s over the tests' texts. So the hand-written parser stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .links import link_problem


@dataclass
class Span:
    """``kind`` is ``text``, ``emphasis``, ``strong``, ``literal``, ``link``,
    ``underline``, ``smallcaps`` or ``math`` (``text`` holds the TeX)."""

    kind: str
    text: str = ""
    children: list[Span] = field(default_factory=list)
    url: str = ""

    def plain(self) -> str:
        if self.kind in ("text", "literal"):
            return self.text
        if self.kind == "math":
            return f"${self.text}$"
        return "".join(c.plain() for c in self.children)


_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_NESTING = 50
"""Links and emphasis nested deeper than this stay literal (no unbounded recursion)."""
_LINK = re.compile(r"\]\(([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)")
_MATH = re.compile(r"\$`([^`]+)`\$")
_TEXT_ARGUMENT = re.compile(r"\\(?:text\w*|mbox|hbox|operatorname)\s*\{[^}]*\\")
_CLASS = re.compile(r"\]\{\.(underline|smallcaps)\}")
_SPECIAL = re.compile(r"[\\`\[*_$]")
"""Characters that may start markup; text between them is copied as it is."""


def parse_inline(text: str) -> list[Span]:
    """Spans for ``text``; adjacent text is merged."""
    if not _SPECIAL.search(text):  # most profile text has no markup at all
        return [Span("text", text)] if text else []
    return _merge(_parse(text))


def to_plain(text: str) -> str:
    """The text without markup, for metadata and sorting."""
    return "".join(s.plain() for s in parse_inline(text))


def unsafe_links(text: str) -> list[tuple[str, str]]:
    """(URL, why) of each ``[text](url)`` in ``text`` that may not be a link."""
    out: list[tuple[str, str]] = []
    stack = parse_inline(text)
    while stack:
        span = stack.pop()
        if span.kind == "link":
            why = link_problem(span.url)
            if why is not None:
                out.append((span.url, why))
        stack.extend(span.children)
    return out[::-1]


def _parse(text: str, depth: int = 0) -> list[Span]:
    if depth > _MAX_NESTING:
        return [Span("text", text)]
    out: list[Span] = []
    buf: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if buf:
            out.append(Span("text", "".join(buf)))
            buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCT:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            close = text.find("`" * run, i + run)
            while close != -1 and text[close + run : close + run + 1] == "`":
                close = text.find("`" * run, close + run + 1)
            if close != -1:
                flush()
                out.append(
                    Span("literal", text[i + run : close].strip(" ") or text[i + run : close])
                )
                i = close + run
                continue
            buf.append("`" * run)
            i += run
            continue
        if ch == "[":
            end = _matching_bracket(text, i)
            if end != -1:
                match = _LINK.match(text, end)
                if match and end > i + 1:
                    flush()
                    out.append(
                        Span(
                            "link",
                            children=_parse(text[i + 1 : end], depth + 1),
                            url=match.group(1),
                        )
                    )
                    i = match.end()
                    continue
                styled = _CLASS.match(text, end)
                if styled and end > i + 1:
                    flush()
                    out.append(Span(styled.group(1), children=_parse(text[i + 1 : end], depth + 1)))
                    i = styled.end()
                    continue
        if ch == "$":
            math = _MATH.match(text, i)
            if math and mathml(math.group(1)) is not None:
                flush()
                out.append(Span("math", math.group(1)))
                i = math.end()
                continue
        if ch in "*_":
            span = _emphasis(text, i, depth)
            if span is not None:
                flush()
                out.append(span[0])
                i = span[1]
                continue
        if ch in "\\`[*_$":
            buf.append(ch)
            i += 1
            continue
        plain = _SPECIAL.search(text, i)
        end = plain.start() if plain else n
        buf.append(text[i:end])
        i = end
    flush()
    return out


def mathml(tex: str) -> str | None:
    """``tex`` as MathML (docutils' converter: no script or font from another host), or
    None when it is not math docutils knows. Only TeX it knows is ever written to the
    LaTeX output, so a value cannot run other LaTeX commands."""
    if _TEXT_ARGUMENT.search(tex):
        return None  # \text{\input{...}} would run in LaTeX
    from docutils.utils.math import latex2mathml

    try:
        return str(latex2mathml.tex2mathml(tex))
    except Exception:  # MathError, and others on odd input
        return None


def _matching_bracket(text: str, start: int) -> int:
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _emphasis(text: str, i: int, depth: int) -> tuple[Span, int] | None:
    ch = text[i]
    strong = text.startswith(ch * 2, i)
    marker = ch * 2 if strong else ch
    start = i + len(marker)
    if start >= len(text) or text[start].isspace():
        return None
    if ch == "_" and i > 0 and text[i - 1].isalnum():
        return None  # snake_case and file_names stay literal
    pos = start
    while True:
        close = text.find(marker, pos)
        if close == -1 or close == start:
            return None
        after = close + len(marker)
        ok = not text[close - 1].isspace() and text[close - 1] != "\\"
        if ch == "_" and after < len(text) and text[after].isalnum():
            ok = False
        if not strong and text.startswith(ch * 2, close):
            ok = False  # `*a **b** c*`: skip the inner strong marker
            pos = close + 2
            if ok is False and close + 2 <= len(text):
                continue
        if ok:
            inner = _parse(text[start:close], depth + 1)
            return Span("strong" if strong else "emphasis", children=inner), after
        pos = close + 1


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        span.children = _merge(span.children)
        if span.kind == "text" and out and out[-1].kind == "text":
            out[-1].text += span.text
        else:
            out.append(span)
    return out
