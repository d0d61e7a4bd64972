"""Publications from BibTeX files.

:mod:`.reader` reads a file with pybtex's parser and reports what is wrong where it is
written; :mod:`.entries` maps each entry to a publication; :mod:`.latex` turns LaTeX in
values into Unicode text; :mod:`.types` holds what the reader and the writer
(:mod:`sphinx_cv.data.bibexport`) share.
"""

from .entries import person_name
from .latex import latex_to_text
from .reader import MAX_SYNTAX_ERRORS, load_bibtex
from .types import entry_kind

__all__ = ["MAX_SYNTAX_ERRORS", "entry_kind", "latex_to_text", "load_bibtex", "person_name"]
