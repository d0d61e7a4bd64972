"""``cv-example``: example source shown beside what it renders.

The snippets are the tests' own (``tests/snippets/NAME.md`` and ``NAME.rst``, which the
tests prove give the same doctree), so the docs show what is tested. The rendered part is
the snippet written in the syntax of the page, parsed by the page's own parser.
"""

from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

SYNTAXES = (("MyST Markdown", ".md", "markdown"), ("reStructuredText", ".rst", "rst"))


def in_myst(directive: SphinxDirective) -> bool:
    """Whether the directive is being run by MyST (which parses Markdown when nested)."""
    return type(directive.state).__module__.startswith("myst_parser")


class CvExample(SphinxDirective):
    """``cv-example NAME``: the snippet NAME in both syntaxes, then its output. Without a
    name, the directive's content in the page's syntax, then its output."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=["cv-example"])
        sources = nodes.container(classes=["cv-example-sources"])
        box += sources
        if self.arguments:
            name = self.arguments[0].strip()
            box["ids"] = [nodes.make_id(f"cv-example-{name}")]
            self.state.document.set_id(box)  # the same example twice on a page is an error
            texts = self.snippets(name)
            for label, suffix, language in SYNTAXES:
                sources += source_block(label, texts[suffix][1], language)
            path, text = texts[".md" if in_myst(self) else ".rst"]
            lines, offset = StringList(text.splitlines(), source=path), 0
        else:
            label, _, language = SYNTAXES[0 if in_myst(self) else 1]
            sources += source_block(label, "\n".join(self.content), language)
            lines, offset = self.content, self.content_offset
        output = nodes.container(classes=["cv-example-output"])
        output += nodes.paragraph("Result", "Result", classes=["cv-example-label"])
        self.state.nested_parse(lines, offset, output)
        box += output
        return [box]

    def snippets(self, name: str) -> dict[str, tuple[str, str]]:
        """suffix -> (path, text) of the snippet in each syntax."""
        folder = os.path.join(str(self.env.srcdir), self.config.cvdocs_snippets)
        texts = {}
        for _, suffix, _ in SYNTAXES:
            path = os.path.normpath(os.path.join(folder, name + suffix))
            if not os.path.isfile(path):
                raise self.error(f"cv-example: no snippet {path}")
            self.env.note_dependency(path)
            with open(path, encoding="utf8") as fh:
                texts[suffix] = (path, fh.read())
        return texts


def source_block(label: str, text: str, language: str) -> nodes.container:
    """A literal block with a caption, as Sphinx's ``code-block`` makes it."""
    text = text.rstrip("\n")
    code = nodes.literal_block(text, text, language=language)
    return nodes.container(
        "",
        nodes.caption(label, label),
        code,
        literal_block=True,
        classes=["literal-block-wrapper", "cv-example-source"],
    )


class QuickstartFile(SphinxDirective):
    """``cv-quickstart-file PATH``: the file ``sphinx-cv quickstart`` writes at PATH (as
    ``.github/workflows/pages.yml``), taken from the code, so the docs show what this
    version writes, its version pin included. ``:language:`` names the highlighting."""

    required_arguments = 1
    option_spec = {"language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from sphinx.directives.code import container_wrapper

        from ..commands.quickstart import site_files

        path = self.arguments[0]
        files = site_files(markdown=True, name="Your Name")
        if path not in files:
            raise self.error(f"quickstart writes no {path} (it writes {', '.join(files)})")
        literal = nodes.literal_block(
            files[path], files[path], language=self.options.get("language", "text")
        )
        self.set_source_info(literal)
        return [container_wrapper(self, literal, path)]
