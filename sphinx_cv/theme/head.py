"""What the theme puts in ``<head>``: description, OpenGraph, the schema.org ``Person``
as JSON-LD, and the ``citation_*`` tags Google Scholar reads on a paper's own page.

Pure functions of the profile records (no Sphinx): they return plain strings and pairs
that the template escapes, except :func:`script_json`, which is made safe for a
``<script>`` block here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ..data.inline import to_plain
from ..data.profile import Person
from ..data.publication import Publication
from ..data.pubtypes import pub_type
from ..data.yamlsource import JSONValue

Pairs = list[tuple[str, str]]


def plain(text: str | None) -> str:
    """Profile text (inline Markdown) as one line of plain text."""
    return " ".join(to_plain(text or "").split())


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def initials(name: str) -> str:
    """``Qingyu Song`` -> ``QS``: the avatar when the profile has no photo."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    if not words:
        return "?"
    picked = [words[0], words[-1]] if len(words) > 1 else words[:1]
    return "".join(w[0].upper() for w in picked)


def affiliation_text(person: Person) -> str:
    return ", ".join(plain(line) for line in person.affiliation if plain(line))


def person_jsonld(
    person: Person, url: str | None, image: str | None, same_as: list[str]
) -> dict[str, JSONValue]:
    """schema.org ``Person``: name, job title, affiliation, e-mail, links elsewhere."""
    data: dict[str, JSONValue] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
    }
    if person.position:
        data["jobTitle"] = plain(person.position)
    if person.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": affiliation_text(person)}
    if person.location:
        data["address"] = plain(person.location)
    if person.email:
        data["email"] = person.email[0]
    if url:
        data["url"] = url
    if image:
        data["image"] = image
    if person.bio:
        data["description"] = plain(person.bio)
    if same_as:
        data["sameAs"] = same_as
    return data


_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: JSONValue) -> str:
    """JSON that cannot end or confuse the ``<script>`` element holding it: ``<``, ``>``
    and ``&`` are written as ``\\u003c`` etc., which JSON parsers read back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def opengraph(
    *, title: str, site_name: str, description: str, kind: str, url: str | None, image: str | None
) -> Pairs:
    """``og:*`` properties (``kind`` is ``profile``, ``article`` or ``website``)."""
    pairs = [("og:type", kind), ("og:title", title), ("og:site_name", site_name)]
    if description:
        pairs.append(("og:description", description))
    if url:
        pairs.append(("og:url", url))
    if image:
        pairs.append(("og:image", image))
    return pairs


def citation_meta(pub: Publication, resolve: Callable[[str], str]) -> Pairs:
    """``citation_*`` tags for the page dedicated to ``pub``; ``resolve`` makes a link in
    the profile (``/files/paper.pdf``) into the URL the page should give."""
    pairs: Pairs = [("citation_title", plain(pub.title))] if pub.title else []
    pairs += [("citation_author", name) for name in pub.authors if name != "et al."]
    if pub.year:
        date = str(pub.year) + (f"/{pub.month:02d}" if pub.month else "")
        pairs.append(("citation_publication_date", date))
    venue = plain(pub.venue)
    kind = pub_type(pub.type)
    if venue and kind.venue_tag:
        pairs.append((kind.venue_tag, venue))
    if pub.number:
        pairs.append((kind.number_tag, pub.number))
    if pub.volume:
        pairs.append(("citation_volume", pub.volume))
    if pub.pages:
        span = re.split(r"\s*(?:--?|–)\s*", pub.pages.strip(), maxsplit=1)
        pairs.append(("citation_firstpage", span[0]))
        if len(span) > 1 and span[1]:
            pairs.append(("citation_lastpage", span[1]))
    if pub.publisher:
        pairs.append(("citation_publisher", plain(pub.publisher)))
    if pub.doi:
        pairs.append(
            (
                "citation_doi",
                re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", pub.doi.strip(), flags=re.I),
            )
        )
    if pub.arxiv:
        pairs.append(("citation_arxiv_id", re.sub(r"^arxiv:", "", pub.arxiv.strip(), flags=re.I)))
    if pub.pdf:
        pairs.append(("citation_pdf_url", resolve(pub.pdf)))
    if pub.tags:
        pairs.append(("citation_keywords", "; ".join(plain(t) for t in pub.tags)))
    if pub.abstract:
        pairs.append(("citation_abstract", plain(pub.abstract)))
    return pairs
