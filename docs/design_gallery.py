"""Draw the pictures of the PDF designs gallery (docs/howto/pdf-designs.md).

Builds the example site's CV in each design and renders its first page as a small PNG
into docs/_static/designs/. Run it after changing a design's .sty:

    python docs/design_gallery.py

tests/test_designs.py checks that the checked-in pictures are what it draws.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "_static" / "designs"
RESOLUTION = 40  # pixels per inch: an A4 page is 331 x 468, a few dozen kB


def build(design: str, out: Path) -> Path:
    """The example CV in ``design``, as ``sphinx-build -M latexpdf`` makes it."""
    subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", str(REPO / "example_site"),
                    str(out), "-q", "-D", f"cv_pdf_design={design}"],
                   check=True, capture_output=True)
    return next((out / "latex").glob("*.pdf"))


def render(pdf: Path, png: Path) -> None:
    """The first page of ``pdf`` as ``png``."""
    subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(png.with_suffix(""))], check=True)


def main() -> None:
    sys.path.insert(0, str(REPO))
    from sphinx_cv.config import PDF_DESIGNS

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for design in PDF_DESIGNS:
            render(build(design, Path(tmp, design)), OUT / f"{design}.png")
            sys.stdout.write(f"{OUT / design}.png\n")


if __name__ == "__main__":
    main()
