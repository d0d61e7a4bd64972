"""``python -m sphinx_cv.locale``: compile the catalogs after editing a ``.po`` file."""

import sys

from . import compile_catalogs

sys.stdout.write("".join(f"{path}\n" for path in compile_catalogs()))
