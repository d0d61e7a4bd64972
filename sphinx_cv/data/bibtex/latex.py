"""LaTeX in BibTeX values as Unicode text (or as the profile's inline Markdown).

pylatexenc parses the value into nodes and knows the Unicode for accents and symbols
(``latex2text``); what is decided here is what a CV needs beyond that: emphasis kept as
Markdown, simple math as Unicode (sub- and superscripts too) and other math kept as
written, unknown macros kept visible, citations and colours dropped, and text a bad value
leaves (a stray brace, a trailing backslash) never lost or raised on.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from typing import TypeAlias

from pylatexenc import latex2text, latexwalker, macrospec

from ..inline import mathml, parse_inline, to_plain

Piece = tuple[str, str]
"""Text and its style: ``""``, ``"em"``, ``"strong"``, ``"u"`` (underline), ``"sc"``
(small caps) or ``"tt"`` (typewriter)."""

# --- text mode ---------------------------------------------------------------------------

# fmt: off
# Word tables, kept in rows: one word per line would double this module's length.
# Declarations style the rest of their group: {\em ...}, {\bf ...}.
_DECLARATIONS = {
    "em": "em", "it": "em", "itshape": "em", "sl": "em", "slshape": "em",
    "bf": "strong", "bfseries": "strong", "sc": "sc", "scshape": "sc", "tt": "tt",
    "ttfamily": "tt",
}
_NO_STYLE_DECLARATIONS = frozenset({
    "rm", "rmfamily", "sf", "sffamily", "upshape",
    "mdseries", "normalfont", "tiny", "scriptsize", "footnotesize", "small", "normalsize",
    "large", "Large", "LARGE", "huge", "Huge", "selectfont", "centering",
})
# Student markers (\underline), system names (\textsc) and code (\texttt) are kept as
# the profile's inline markup, so the page and the PDF show them.
_STYLE_COMMANDS = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong",
                   "underline": "u", "uline": "u", "textsc": "sc", "texttt": "tt"}
_TRANSPARENT = frozenset({
    "textrm", "textsf", "textup", "textmd", "textnormal", "mbox", "hbox", "text",
    "NoCaseChange", "nocase", "makebox", "fbox", "enquote", "textlatin", "textenglish",
    "textsuperscript", "textsubscript", "sout", "hl",
})
_DROP_ONE = frozenset({
    "cite", "citep", "citet", "citealp", "parencite", "textcite", "footnote", "thanks",
    "label", "ref", "eqref", "hspace", "vspace", "noopsort", "sortnoop", "SortNoop",
    "hyphenation", "index", "color", "pagecolor", "nocite", "selectlanguage", "bibstring",
})
_SECOND_ARG = frozenset({"textcolor", "href", "foreignlanguage", "bibinfo", "colorbox"})
"""Commands whose first argument is not text: ``\\href{url}{text}``."""
_UPPER = frozenset({"MakeUppercase", "uppercase", "MakeTextUppercase"})
_LOWER = frozenset({"MakeLowercase", "lowercase", "MakeTextLowercase"})
_VERBATIM = frozenset({"url", "path", "nolinkurl", "doi"})
_SPACING_ACCENTS = {"~": "~", "^": "^", "'": "´", "`": "`", '"': "¨", "=": "¯"}
"""An accent over nothing (``\\~{}``) is the mark itself."""

# Where latex2text has no Unicode, or not the one a reader of a CV expects.
_TEXT_SYMBOLS = {
    "SS": "SS", "copyright": "©", "ddag": "‡", "S": "§", "P": "¶", "pounds": "£",
    "euro": "€", "textquotedbl": '"', "guillemetleft": "«", "guillemetright": "»",
    "textless": "<", "textgreater": ">", "textbar": "|", "textasciicircum": "^",
    "textunderscore": "_", "textperiodcentered": "·", "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε", "TeX": "TeX", "BibTeX": "BibTeX", "XeTeX": "XeTeX", "slash": "/",
    "nobreakspace": "\u00a0", "quad": " ", "qquad": " ", "enspace": " ",
    "thinspace": "\u202f", "space": " ", "newline": " ", "linebreak": " ", "par": " ",
    "hfill": " ", "break": " ", "noindent": "", "relax": "", "protect": "", "unskip": "",
    "ignorespaces": "", "allowbreak": "", "null": "", "empty": "",
    # Control symbols: \, is a thin space, \- a hyphenation hint, \\ a line break.
    ",": "\u202f", "-": "", "|": "|", "\\": " ", "\n": " ", "\t": " ",
}
# Single quotes stay as written: "O'Brien" must still match the name in the profile.
_SPECIALS = {"~": "\u00a0", "--": "–", "---": "—", "``": "“", "''": "”", "&": "&"}

# --- math --------------------------------------------------------------------------------

# Relations and binary operators get spaces: TeX spaces them.
_MATH_SPACED = frozenset({
    "times", "cdot", "pm", "mp", "div", "leq", "le", "geq", "ge", "neq", "ne", "approx",
    "sim", "simeq", "cong", "equiv", "propto", "ll", "gg", "to", "rightarrow", "leftarrow",
    "gets", "Rightarrow", "Leftarrow", "leftrightarrow", "Leftrightarrow", "mapsto", "in",
    "notin", "ni", "subset", "subseteq", "supset", "supseteq", "cup", "cap", "setminus",
    "oplus", "otimes", "odot", "wedge", "land", "vee", "lor", "mid",
})
_MATH_OPERATORS = frozenset({
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "max", "min", "sup", "inf", "lim",
    "arg", "det", "dim", "deg", "gcd", "Pr", "argmax", "argmin", "mod", "bmod", "ker",
})
_MATH_TEXT = frozenset({
    "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathnormal", "mathcal", "mathscr",
    "mathfrak", "boldsymbol", "bm", "operatorname", "text", "textrm", "textit", "textbf",
    "textsf", "texttt", "mbox", "emph",
})
# Where latex2text has no Unicode in math, or spaces it differently.
_MATH_SYMBOLS = {
    "ne": "≠", "gets": "←", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "bullet": "•", "neg": "¬",
    "land": "∧", "lor": "∨", "bot": "⊥", "prime": "′", "triangle": "△", "checkmark": "✓",
    "|": "‖", "quad": " ", "qquad": " ", "colon": ":", ",": " ", ";": " ", ":": " ",
    " ": " ", "!": "", "left": "", "right": "", "big": "", "Big": "", "bigl": "",
    "bigr": "", "Bigl": "", "Bigr": "", "bigg": "", "Bigg": "", "displaystyle": "",
    "textstyle": "", "limits": "", "nolimits": "",
}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "E": "𝔼",
               "H": "ℍ", "F": "𝔽", "1": "𝟙"}
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzT⊤′∗*",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵀ′**", strict=True))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))
# fmt: on


def _walker_context() -> macrospec.LatexContextDb:
    """pylatexenc's LaTeX, with the arguments of the commands above it does not know and
    without the specials a title does not mean (``!``` is not '¡' in "Wow!``Yes''")."""
    base = latexwalker.get_default_latex_context_db()
    known = {s.macroname for s in base.iter_macro_specs()}
    ours = [
        macrospec.MacroSpec(name, "{")
        for name in sorted(
            _DROP_ONE
            | _TRANSPARENT
            | _UPPER
            | _LOWER
            | _VERBATIM
            | _MATH_TEXT
            | set(_STYLE_COMMANDS)
        )
        if name not in known
    ]
    ours += [macrospec.MacroSpec(name, "{{") for name in sorted(_SECOND_ARG) if name not in known]
    ours += [macrospec.MacroSpec(name, "{") for name in ("t", "mathbb")]
    # Footnote marks (equal contribution...) take an optional number, not shown as text.
    ours += [macrospec.MacroSpec("footnotemark", "[")]
    db = macrospec.LatexContextDb()
    db.add_context_category(
        "sphinx-cv", macros=ours, specials=[macrospec.SpecialsSpec(s) for s in _SPECIALS]
    )
    for category in base.category_list:
        db.add_context_category(
            category,
            macros=list(base.iter_macro_specs([category])),
            environments=list(base.iter_environment_specs([category])),
            specials=[
                s for s in base.iter_specials_specs([category]) if s.specials_chars in _SPECIALS
            ],
        )
    return db


_CONTEXT = _walker_context()
_L2T = latex2text.LatexNodes2Text(strict_latex_spaces=True, math_mode="verbatim")
_L2T_CONTEXT = latex2text.get_default_latex_context_db()
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
_NEEDS_LATEX = re.compile(r"[\\{}$~%]|--|``|''")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
_SPACES = re.compile(r"[ \t\n]+")


def latex_to_text(raw: str, markdown: bool = True, unknown: list[str] | None = None) -> str:
    """A BibTeX value as Unicode text: accents, symbols and dashes converted, braces
    removed, simple ``$math$`` made Unicode (other math kept as written).

    With ``markdown``, ``\\emph``/``\\textbf`` become ``*em*``/``**strong**``,
    ``\\underline`` and ``\\textsc`` ``[text]{.underline}``/``[text]{.smallcaps}``,
    ``\\texttt`` a code span, and characters that would read as Markdown are escaped,
    so the text renders as written. A command it does not know is left out (the text of
    its arguments kept) and its name added to ``unknown``, for the caller to report.
    """
    if not _NEEDS_LATEX.search(raw):
        return _render([(raw, "")], markdown)  # most values: no LaTeX in them
    # A '%' in a BibTeX value is text, not a LaTeX comment (BibTeX has none).
    source = _UNESCAPED_PERCENT.sub(r"\1\\%", raw)
    try:
        return _render(_Converter(source, unknown).run(), markdown)
    except RecursionError:  # braces nested thousands deep: read without them
        return latex_to_text(re.sub("[{}]", "", raw), markdown, unknown)


class _UnknownMath(Exception):
    pass


class _Converter:
    """The pieces of one value, walked from pylatexenc's nodes."""

    def __init__(self, source: str, unknown: list[str] | None = None) -> None:
        self.source = source
        self.unknown = unknown if unknown is not None else []

    def run(self) -> list[Piece]:
        walker = latexwalker.LatexWalker(self.source, latex_context=_CONTEXT, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        # Text the parser passed over (a stray '}', a trailing backslash) is kept, but
        # for the braces.
        kept: list[latexwalker.LatexNode] = []
        end = 0
        for node in [*nodes, None]:
            start = node.pos if node is not None else len(self.source)
            gap = self.source[end:start].replace("{", "").replace("}", "")
            if gap:
                kept.append(latexwalker.LatexCharsNode(chars=gap, pos=end, len=start - end))
            if node is not None:
                kept.append(node)
                end = node.pos + node.len
        return self.nodes(kept, "")

    def nodes(self, nodelist: Sequence[latexwalker.LatexNode | None], style: str) -> list[Piece]:
        out: list[Piece] = []
        for i, node in enumerate(nodelist):
            if isinstance(node, latexwalker.LatexMacroNode):
                name = node.macroname
                if name in _DECLARATIONS:
                    style = _DECLARATIONS[name]
                    continue
                if name in _NO_STYLE_DECLARATIONS:
                    continue
                out += self.macro(node, style, nodelist[i + 1 :])
            elif node is not None:
                out += self.node(node, style)
        return out

    def node(self, node: latexwalker.LatexNode, style: str) -> list[Piece]:
        if isinstance(node, latexwalker.LatexCharsNode):
            return [(node.chars, style)]
        if isinstance(node, latexwalker.LatexGroupNode):
            return self.nodes(node.nodelist, style)
        if isinstance(node, latexwalker.LatexSpecialsNode):
            return [(_SPECIALS.get(node.specials_chars, node.specials_chars), style)]
        if isinstance(node, latexwalker.LatexMathNode):
            return self.math(node, style)
        if isinstance(node, latexwalker.LatexMacroNode):
            return self.macro(node, style, [])
        if isinstance(node, latexwalker.LatexEnvironmentNode):
            return self.nodes(node.nodelist, style)
        return [(node.latex_verbatim(), style)]  # a comment: none, '%' is escaped

    def macro(
        self,
        node: latexwalker.LatexMacroNode,
        style: str,
        following: Sequence[latexwalker.LatexNode | None],
    ) -> list[Piece]:
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if name in _ACCENT_MARKS:  # \'e, \"{o}, \c c, \v{s}
            base = to_text(self.nodes(args[-1:], style))
            return [(_accent(name, base), style)]
        if name in _TEXT_SYMBOLS:
            return [(_TEXT_SYMBOLS[name], style)]
        if name in _STYLE_COMMANDS:
            return self.nodes(args[-1:], _STYLE_COMMANDS[name])
        if name in _TRANSPARENT:
            return self.nodes(args[-1:], style)
        if name in _UPPER or name in _LOWER:
            return [
                (t.upper() if name in _UPPER else t.lower(), s)
                for t, s in self.nodes(args[-1:], style)
            ]
        if name in _DROP_ONE:
            return []
        if name in _SECOND_ARG:
            return self.nodes(args[-1:], style)
        if name in _VERBATIM:
            return [(_verbatim(args[-1]) if args else "", style)]
        if name == "ensuremath":
            src = _verbatim(args[-1]) if args else ""
            text = _math_unicode(src)
            return [(text, style)] if text is not None else self.formula(src, style)
        if _L2T_CONTEXT.get_macro_spec(name) is not None:
            return [(_l2t(node), style)]
        # An unknown command (\sysname, \footnotemark) is never printed raw: left out,
        # the text of a {group} after it kept, and reported by the caller.
        self.unknown.append(name)
        return [(node.macro_post_space, style)] if not _group_follows(following) else []

    def math(self, node: latexwalker.LatexMathNode, style: str) -> list[Piece]:
        opening, close = node.delimiters
        content = node.pos + len(opening)
        for child in node.nodelist:
            if child is not None:
                content = max(content, child.pos + child.len)
        if self.source[content : node.pos + node.len] != close:
            # No closing '$': a literal dollar sign, the rest read as text.
            rest = _Converter(
                self.source[node.pos + len(opening) : node.pos + node.len], self.unknown
            ).run()
            return [("$" if opening == "$" else "", style), *((t, s or style) for t, s in rest)]
        src = self.source[node.pos + len(opening) : content]
        try:
            text = _math(node.nodelist)
        except _UnknownMath:
            return self.formula(src, style)
        return [(_tidy_math(text), style)]

    def formula(self, src: str, style: str) -> list[Piece]:
        """Math with no Unicode form: kept as ``$TeX$`` (MathML on the page, math in the
        PDF) when docutils can read it; otherwise its text, unknown commands reported."""
        tex = " ".join(src.split())
        if mathml(tex) is not None and "`" not in tex:
            return [(f"${tex}$", "math")]
        return [(t, s or style) for t, s in _Converter(src, self.unknown).run()]


def _l2t(node: latexwalker.LatexNode) -> str:
    """latex2text's Unicode for a command; it logs (prints) a command missing its
    arguments, which the data layer must not."""
    logger = logging.getLogger("pylatexenc")
    disabled, logger.disabled = logger.disabled, True
    try:
        return str(_L2T.node_to_text(node))
    finally:
        logger.disabled = disabled


def _accent_marks() -> dict[str, str]:
    """Accent command -> its combining mark, as latex2text knows them."""
    marks = {}
    for name in "'`^\"~=.uvHcdbrk":
        accented = unicodedata.normalize("NFD", _L2T.latex_to_text(f"\\{name}{{x}}"))
        if accented.startswith("x") and len(accented) > 1:
            marks[name] = accented[1:]
    marks["t"] = "\u0361"  # the tie over two letters, which latex2text drops
    return marks


_ACCENT_MARKS = _accent_marks()


def _accent(name: str, base: str) -> str:
    """The accent placed after the first letter (\\'{\\i}: the dotless i takes it); over
    nothing, the spacing mark itself (\\~{})."""
    if not base.strip():
        return _SPACING_ACCENTS.get(name, "") + base.strip()
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])
    return unicodedata.normalize("NFC", first + _ACCENT_MARKS[name] + base[1:])


def to_text(pieces: list[Piece]) -> str:
    return "".join(t for t, _ in pieces)


def _verbatim(arg: latexwalker.LatexNode) -> str:
    """An argument's source text, its braces removed."""
    text: str = arg.latex_verbatim()
    if isinstance(arg, latexwalker.LatexGroupNode):
        text = text[1:-1] if text.endswith("}") else text[1:]
    return text.replace("\\%", "%")


def _group_follows(following: Sequence[latexwalker.LatexNode | None]) -> bool:
    """Whether a non-empty {group} follows (``\\macro{}`` only ends a macro name)."""
    for node in following:
        if isinstance(node, latexwalker.LatexCharsNode) and not node.chars.strip():
            continue
        return isinstance(node, latexwalker.LatexGroupNode) and bool(node.nodelist)
    return False


# --- math --------------------------------------------------------------------------------

MathToken: TypeAlias = "str | latexwalker.LatexNode"
"""A character of a formula, or one of its nodes (a group, a command)."""


def _math_unicode(src: str) -> str | None:
    """Simple math as Unicode (``\\alpha`` -> α), or None."""
    walker = latexwalker.LatexWalker(src, latex_context=_CONTEXT, tolerant_parsing=True)
    try:
        text = _math(
            walker.get_latex_nodes(parsing_state=walker.make_parsing_state(in_math_mode=True))[0]
        )
    except _UnknownMath:
        return None
    return _tidy_math(text)


def _tidy_math(text: str) -> str:
    text = re.sub(r" {2,}", " ", text).replace("( ", "(").replace(" )", ")")
    return text.strip()


def _math_tokens(nodelist: Sequence[latexwalker.LatexNode | None]) -> list[MathToken]:
    """The nodes of a formula, characters one by one (``^`` and ``_`` take the next)."""
    out: list[MathToken] = []
    for node in nodelist:
        if isinstance(node, latexwalker.LatexCharsNode):
            out += [" " if c.isspace() else c for c in node.chars]
        elif isinstance(node, latexwalker.LatexSpecialsNode):
            out.append({"~": " ", "''": "″"}.get(node.specials_chars, node.specials_chars))
        elif isinstance(node, latexwalker.LatexCommentNode | latexwalker.LatexMathNode):
            raise _UnknownMath
        elif node is not None:
            out.append(node)
    return out


def _math(nodelist: Sequence[latexwalker.LatexNode | None]) -> str:
    toks = _math_tokens(nodelist)
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        i += 1
        if isinstance(tok, str) and tok in ("^", "_"):
            while i < len(toks) and _is(toks[i], " "):
                i += 1
            if i >= len(toks) or _is(toks[i], "^", "_"):
                raise _UnknownMath
            out.append(_script(_math_one(toks[i]), tok == "^"))
            i += 1
        else:
            out.append(_math_one(tok))
    return "".join(out)


def _is(tok: MathToken, *chars: str) -> bool:
    return isinstance(tok, str) and tok in chars


def _math_one(tok: MathToken) -> str:
    if isinstance(tok, str):
        return "" if tok in "{}" else {"'": "′"}.get(tok, tok)
    if isinstance(tok, latexwalker.LatexGroupNode):
        return _math(tok.nodelist)
    if not isinstance(tok, latexwalker.LatexMacroNode):
        raise _UnknownMath
    name = tok.macroname
    args = [a for a in (tok.nodeargd.argnlist if tok.nodeargd else []) if a is not None]
    if name in _MATH_SPACED:
        return f" {_math_symbol(tok)} "
    if name in _MATH_SYMBOLS:
        return _MATH_SYMBOLS[name]
    if name in _MATH_OPERATORS:
        return f" {name} "
    if name in _MATH_TEXT:
        return _math_arg(args, -1)
    if name == "mathbb":
        return "".join(_BLACKBOARD.get(c, c) for c in _math_arg(args, -1))
    if name in ("frac", "dfrac", "tfrac"):
        num, den = _math_arg(args, -2), _math_arg(args, -1)
        wrap = [t if len(t) <= 1 or t.isalnum() else f"({t})" for t in (num, den)]
        return "/".join(wrap)
    if name == "sqrt":
        if len(args) > 1:
            raise _UnknownMath  # \sqrt[3]{x}
        inner = _math_arg(args, -1)
        return "√" + (inner if len(inner) <= 1 or inner.isalnum() else f"({inner})")
    return _math_symbol(tok)


def _math_arg(args: list[latexwalker.LatexNode], index: int) -> str:
    if len(args) < -index:
        raise _UnknownMath
    return _math([args[index]])


def _math_symbol(node: latexwalker.LatexMacroNode) -> str:
    """The Unicode latex2text knows for a math command (with no arguments of ours)."""
    name = node.macroname
    if name in _MATH_SYMBOLS:
        return _MATH_SYMBOLS[name]
    spec = _L2T_CONTEXT.get_macro_spec(name)
    if spec is None or name in _DROP_ONE:
        raise _UnknownMath
    text = _l2t(node)
    if "\\" in text or (not text.strip() and name not in _MATH_SPACED):
        raise _UnknownMath  # nothing of its own: keep the formula as written
    return text


def _script(text: str, sup: bool) -> str:
    table = _SUP if sup else _SUB
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    if sup and text and not any(c.isalnum() for c in text):
        return text  # marks such as Song$^\dagger$: the mark itself reads well
    mark = "^" if sup else "_"
    return mark + (text if len(text) <= 1 else f"({text})")


# --- Markdown ----------------------------------------------------------------------------

_MARKERS = {
    "em": ("*", "*"),
    "strong": ("**", "**"),
    "u": ("[", "]{.underline}"),
    "sc": ("[", "]{.smallcaps}"),
}


def _render(pieces: list[Piece], markdown: bool) -> str:
    plain = _SPACES.sub(" ", to_text(pieces)).strip()
    if not markdown or not plain:
        return plain
    styled = any(s and t.strip() for t, s in pieces)
    if not styled:
        spans = parse_inline(plain)
        if len(spans) == 1 and spans[0].kind == "text" and spans[0].text == plain:
            return plain  # nothing in it reads as Markdown: keep it unescaped
        return _MD_SPECIAL.sub(r"\\\1", plain)
    runs: list[Piece] = []
    for text, style in pieces:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    out: list[str] = []
    for text, style in runs:
        text = _SPACES.sub(" ", text)
        core = text.strip()
        if not style or not core:
            out.append(_MD_SPECIAL.sub(r"\\\1", text))
            continue
        lead = " " if text[0] == " " else ""
        trail = " " if text[-1] == " " else ""
        escaped = _MD_SPECIAL.sub(r"\\\1", core)
        if style == "math":
            styled_text = f"$`{core[1:-1]}`$"  # the inline syntax for math
        elif style == "tt":
            styled_text = f"`{core}`" if "`" not in core else escaped
        else:
            opening, closing = _MARKERS[style]
            styled_text = f"{opening}{escaped}{closing}"
        out.append(f"{lead}{styled_text}{trail}")
    md = _SPACES.sub(" ", "".join(out)).strip()
    # Emphasis markers next to escaped characters can read differently; the text matters
    # more than the styling.
    return md if to_plain(md) == plain else _MD_SPECIAL.sub(r"\\\1", plain)
