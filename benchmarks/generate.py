"""Synthetic, seeded profiles and the sphinx-cv site that shows them.

A profile has ``n`` publications of every type (1-30 authors, realistic titles, venues,
abstracts, links, statuses, tags) and the usual dated sections. The same seed always
gives the same bytes, so runs can be compared over time.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

OWNER = "Morgan Ellis"
OWNER_SHORT = "M. Ellis"

GIVEN = (
    "Wei",
    "Hong",
    "Ana",
    "José",
    "Zoë",
    "Liam",
    "Priya",
    "Kenji",
    "Fatima",
    "Olu",
    "Mateo",
    "Ingrid",
    "Chen",
    "Sofia",
    "Yusuf",
    "Mei",
    "Lukas",
    "Amara",
    "Rafael",
    "Hana",
    "Nikolai",
    "Aisha",
    "Tomás",
    "Elif",
    "Jun",
    "Marta",
    "Kwame",
    "Sven",
    "Ravi",
    "Léa",
    "Dmitri",
    "Noor",
    "Pablo",
    "Yuki",
    "Grace",
    "Arjun",
    "Irene",
    "Oscar",
    "Sun-Hee",
    "Jean-Luc",
)
FAMILY = (
    "Lin",
    "Xu",
    "García",
    "Müller",
    "Okafor",
    "Tanaka",
    "Kowalski",
    "Nguyen",
    "Haddad",
    "Rossi",
    "Andersson",
    "Patel",
    "O'Brien",
    "Fernández",
    "Ivanova",
    "Kim",
    "Dubois",
    "Mensah",
    "Schmidt",
    "Silva",
    "Yamamoto",
    "Novak",
    "Zhang",
    "Hernández",
    "Van der Berg",
    "Costa",
    "Larsen",
    "Wang",
    "Ahmed",
    "Moreau",
    "Bianchi",
    "Chen",
    "Sato",
    "Nowak",
    "Lopez",
    "Eriksson",
    "Park",
    "Singh",
    "Santos",
    "Ferrari",
)

WORDS = (
    "learning",
    "optimization",
    "networks",
    "graph",
    "scalable",
    "robust",
    "adaptive",
    "distributed",
    "efficient",
    "federated",
    "inference",
    "language",
    "models",
    "theory",
    "convergence",
    "gradient",
    "descent",
    "scheduling",
    "traffic",
    "data",
    "systems",
    "quantization",
    "compression",
    "latency",
    "memory",
    "sparse",
    "attention",
    "transformers",
    "kernels",
    "stochastic",
    "bounds",
    "guarantees",
    "provably",
    "zeroth-order",
    "multi-agent",
    "reinforcement",
    "control",
    "privacy",
    "benchmarks",
    "hardware",
    "accelerators",
    "compilers",
    "caching",
    "storage",
    "wireless",
    "MIMO",
    "routing",
    "topology",
    "prediction",
    "time series",
    "uncertainty",
    "calibration",
    "causal",
    "retrieval",
    "generative",
    "diffusion",
)
LEADS = (
    "Towards",
    "On",
    "Learning",
    "Rethinking",
    "Understanding",
    "A Study of",
    "Scaling",
    "Revisiting",
    "Efficient",
    "Provable",
    "Fast",
    "Beyond",
)

VENUES: dict[str, tuple[str, ...]] = {
    "conference": (
        "NeurIPS",
        "ICML",
        "ICLR",
        "IEEE INFOCOM",
        "ACM SIGCOMM",
        "USENIX NSDI",
        "IEEE/CVF CVPR",
        "AAAI",
        "ACM EuroSys",
        "USENIX OSDI",
        "KDD",
        "ACL",
    ),
    "journal": (
        "IEEE Transactions on Networking",
        "Journal of Machine Learning Research",
        "IEEE Transactions on Signal Processing",
        "Communications of the ACM",
        "ACM Computing Surveys",
        "Nature Machine Intelligence",
    ),
    "workshop": (
        "ICML Workshop on Efficient Systems for Foundation Models",
        "NeurIPS Workshop on Optimization for Machine Learning",
        "ACM SIGMETRICS Workshop on Learning-augmented Algorithms",
    ),
    "chapter": ("Handbook of Learning to Optimize", "Advances in Network Science"),
    "book": ("",),
    "thesis": ("The Chinese University of Hong Kong", "Tsinghua University"),
    "report": ("Technical Report, Xiamen University", "arXiv technical report"),
    "patent": ("US Patent",),
    "poster": ("ACM SoCC Poster Session", "USENIX ATC Posters"),
    "talk": ("Invited talk, Optimization Seminar", "Keynote, Systems Workshop"),
    "dataset": ("Zenodo",),
    "software": ("GitHub",),
    "misc": ("Lecture notes",),
    "preprint": ("",),
}
TYPE_WEIGHTS = {
    "conference": 34,
    "journal": 24,
    "preprint": 12,
    "workshop": 8,
    "chapter": 3,
    "book": 1,
    "thesis": 1,
    "report": 3,
    "patent": 2,
    "poster": 3,
    "talk": 3,
    "dataset": 2,
    "software": 2,
    "misc": 2,
}
TAGS = (
    "optimization",
    "networking",
    "deep learning",
    "systems",
    "theory",
    "LLM",
    "federated learning",
    "graph neural networks",
    "wireless",
    "privacy",
)
STATUSES = ("In submission", "Under review", "To appear", "Accepted")

# The pages of the sphinx-cv site. ``index`` and ``contact`` use nothing from the
# profile; ``teaching`` uses timelines only; the other two show publications.
PAGES = {
    "index": """\
{name}
{name_rule}

Welcome to my homepage. I work on learning to optimize and on systems for machine
learning; this site lists my publications, teaching and curriculum vitae.

.. toctree::
   :maxdepth: 1

   publications
   cv
   teaching
   contact
""",
    "contact": """\
Contact
=======

Write to me at the School of Informatics; visitors are welcome on weekdays.
""",
    "publications": """\
Publications
============

.. research-interests:: current

.. publication-list::
   :group-by: type
   :numbering: reverse
   :label-format: [{{number}}].
""",
    "teaching": """\
Teaching and talks
==================

Teaching
--------

.. timeline:: teaching

Talks
-----

.. timeline:: talks
""",
    "cv": """\
Curriculum Vitae
================

.. cv-header::

Work Experience
---------------

.. timeline:: positions

Education
---------

.. timeline:: education

Research Interests
------------------

.. research-interests:: cv

Publications
------------

.. publication-list::
   :prefixes: preprint=A
   :group-titles: preprint=In submission
   :label-format: {{label}}.
   :show-status: no
   :abstracts: no

Research Experience
-------------------

.. timeline:: research

Teaching
--------

.. timeline:: teaching

Awards
------

.. timeline:: awards

Services
--------

.. timeline:: service

Talks
-----

.. timeline:: talks

.. cv-updated::
""",
}

CONF = """\
# A synthetic sphinx-cv site; project, author and titles come from the profile.
extensions = ["sphinx_cv"]
html_theme = "alabaster"
cv_profile = "profile.yaml"
latex_documents = [("cv", "cv.tex", "Curriculum Vitae", {name!r}, "howto")]
"""


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random, i: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
    title = f"{rng.choice(LEADS)} {' '.join(words).title()}"
    if rng.random() < 0.25:
        title += f": {rng.choice(WORDS).title()} {rng.choice(WORDS).title()} at Scale"
    if i % 41 == 7:
        title = f"*{title.split()[0]}* " + " ".join(title.split()[1:])  # inline Markdown
    if i % 53 == 11:
        title += " with `torch.compile`"
    return title


def _authors(rng: random.Random) -> list[str]:
    # Most papers have 2-6 authors; a long tail reaches 30 (large collaborations).
    count = min(30, max(1, int(rng.lognormvariate(1.3, 0.6))))
    if rng.random() < 0.02:
        count = rng.randint(20, 30)
    names = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(count)]
    if rng.random() < 0.9:
        names[rng.randrange(count)] = OWNER if rng.random() < 0.9 else OWNER_SHORT
    return names


def publication(rng: random.Random, i: int, kind: str) -> dict[str, Any]:
    year = rng.randint(1995, 2025)
    authors = _authors(rng)
    family = authors[0].split()[-1].lower().replace("'", "")
    pub: dict[str, Any] = {
        "id": f"{family}{year}{rng.choice(WORDS).split()[0].replace('-', '')}{i}",
        "type": kind,
        "title": _title(rng, i),
        "authors": authors,
    }
    venue = rng.choice(VENUES[kind])
    if venue:
        pub["venue"] = venue
    pub["year"] = year
    pub["month"] = rng.randint(1, 12)
    if kind == "journal":
        pub["volume"] = str(rng.randint(1, 60))
        pub["number"] = str(rng.randint(1, 12))
        pub["pages"] = f"{(p := rng.randint(1, 900))}-{p + rng.randint(8, 30)}"
    elif kind in ("conference", "workshop") and rng.random() < 0.4:
        pub["pages"] = f"{(p := rng.randint(1, 900))}-{p + rng.randint(8, 14)}"
    if kind in ("book", "chapter", "thesis", "report"):
        pub["publisher"] = rng.choice(("Springer", "MIT Press", "Now Publishers"))
    if kind == "preprint" or rng.random() < 0.25:
        pub["arxiv"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"
    if kind == "preprint" or rng.random() < 0.05:
        pub["status"] = rng.choice(STATUSES)
    if rng.random() < 0.5:
        pub["pdf"] = f"/files/{pub['id']}.pdf"
    if rng.random() < 0.35:
        pub["doi"] = f"10.{rng.randint(1000, 99999)}/{pub['id']}"
    if rng.random() < 0.3:
        pub["code"] = f"https://github.com/ellislab/{pub['id']}"
    if rng.random() < 0.1:
        pub["slides"] = f"https://ellis.example.org/slides/{pub['id']}.pdf"
    if rng.random() < 0.05:
        pub["video"] = f"https://www.youtube.com/watch?v={pub['id'][:11]}"
    if rng.random() < 0.05:
        pub["links"] = {"Blog": f"https://ellis.example.org/blog/{pub['id']}"}
    if rng.random() < 0.6:
        pub["abstract"] = " ".join(_sentence(rng, 8, 25) for _ in range(rng.randint(3, 9)))
    pub["tags"] = rng.sample(TAGS, rng.randint(0, 3))
    if not pub["tags"]:
        del pub["tags"]
    if rng.random() < 0.05:
        pub["selected"] = True
    if rng.random() < 0.02:
        pub["award"] = rng.choice(
            ("Best Paper Award", "Best Student Paper Award", "Distinguished Paper Award")
        )
    if rng.random() < 0.03:
        pub["note"] = "Equal contribution of the first two authors."
    return pub


def _dated(rng: random.Random, i: int, span: bool = True) -> dict[str, Any]:
    year = 2025 - i
    if not span:
        return {"date": f"{year}-{rng.randint(1, 12):02d}"}
    start = {"start": f"{year - rng.randint(1, 3)}-{rng.randint(1, 12):02d}"}
    if i:
        start["end"] = f"{year}-{rng.randint(1, 12):02d}"
    return start


def profile(n: int, seed: int = 2025) -> dict[str, Any]:
    """The profile as plain data: ``n`` publications and the usual sections."""
    rng = random.Random(seed)
    types = list(TYPE_WEIGHTS)
    kinds = types[:n] + rng.choices(
        types, weights=list(TYPE_WEIGHTS.values()), k=max(0, n - len(types))
    )
    pubs = [publication(rng, i, kind) for i, kind in enumerate(kinds)]
    by_tag: dict[str, list[str]] = {}
    for pub in pubs:
        for tag in pub.get("tags", ()):
            by_tag.setdefault(tag, []).append(pub["id"])

    def topics(tags: tuple[str, ...]) -> list[dict[str, Any]]:
        return [
            {
                "name": tag.title() if tag.islower() else tag,
                "publications": by_tag.get(tag, [])[:12],
            }
            for tag in tags
            if by_tag.get(tag)
        ]

    return {
        "person": {
            "name": OWNER,
            "name_variants": [OWNER_SHORT],
            "position": "Associate Professor",
            "affiliation": ["School of Informatics", "Xiamen University"],
            "location": "Xiamen, China",
            "email": "morgan.ellis@example.org",
            "phone": "+86 592 218 0000",
            "website": "https://ellis.example.org",
            "links": {
                "Google Scholar": "https://scholar.google.com/citations?user=ELLIS0000AA",
                "GitHub": "https://github.com/ellislab",
                "ORCID": "https://orcid.org/0000-0002-1825-0097",
            },
            "bio": "Associate Professor working on *learning to optimize* and on systems "
            "for machine learning.",
        },
        "updated": "2025-09",
        "interests": {
            "current": {"intro": "My current research interests:", "topics": topics(TAGS[:6])},
            "cv": {
                "intro": "I work on the foundations and applications of learning:",
                "topics": topics(TAGS),
            },
        },
        "positions": [
            {
                "position": role,
                "organization": org,
                "department": "School of Informatics",
                **_dated(rng, i),
            }
            for i, (role, org) in enumerate(
                [
                    ("Associate Professor", "Xiamen University"),
                    ("Assistant Professor", "Xiamen University"),
                    ("Postdoctoral Fellow", "ETH Zürich"),
                    ("Research Scientist", "Huawei Noah's Ark Lab"),
                ]
            )
        ],
        "education": [
            {
                "institution": inst,
                "location": loc,
                "degree": deg,
                "field": fld,
                "advisor": [f"Prof. {rng.choice(GIVEN)} {rng.choice(FAMILY)}"],
                "thesis": _title(rng, 1000 + i),
                **_dated(rng, 6 + 4 * i),
            }
            for i, (inst, loc, deg, fld) in enumerate(
                [
                    (
                        "The Chinese University of Hong Kong",
                        "Hong Kong, China",
                        "Ph.D.",
                        "Computer Science and Engineering",
                    ),
                    ("Tsinghua University", "Beijing, China", "M.S.", "Control Engineering"),
                    (
                        "Harbin Institute of Technology",
                        "Weihai, China",
                        "B.S.",
                        "Software Engineering",
                    ),
                ]
            )
        ],
        "research": [
            {
                "role": rng.choice(("Intern", "Visiting Researcher", "Research Assistant")),
                "organization": rng.choice(
                    (
                        "Huawei Noah's Ark Lab",
                        "CUHK",
                        "Tsinghua University",
                        "Microsoft Research Asia",
                    )
                ),
                "mentor": [f"Dr. {rng.choice(GIVEN)} {rng.choice(FAMILY)}"],
                "project": _sentence(rng, 6, 14),
                **_dated(rng, i),
            }
            for i in range(10)
        ],
        "teaching": [
            {
                "date": f"{('Fall', 'Spring')[i % 2]} {2025 - i // 2}",
                "institution": rng.choice(("XMU", "CUHK")),
                "code": f"CSCI {rng.randint(1000, 5999)}",
                "course": rng.choice(
                    (
                        "Data Communication and Computer Networks",
                        "Probability for Engineers",
                        "Machine Learning Systems",
                        "Introduction to Computational Thinking",
                    )
                ),
                "role": "Instructor" if i < 6 else "Teaching Assistant",
            }
            for i in range(12)
        ],
        "awards": [
            {
                "title": rng.choice(
                    (
                        "Best Paper Award",
                        "Travel Grant",
                        "Doctoral Dissertation Award",
                        "Outstanding Reviewer",
                        "Young Scientist Award",
                    )
                ),
                "awarder": rng.choice(("ACM SIGCOMM", "IEEE INFOCOM", "CUHK", "NeurIPS")),
                **_dated(rng, i, span=i % 4 == 3),
            }
            for i in range(15)
        ],
        "service": [
            {"role": "Conference Reviewer", "items": ["ICLR 2026", "NeurIPS 2025", "ICML 2025"]},
            {
                "role": "PC Member",
                "items": ["AAAI 2026", "EuroSys 2026", "IJCAI 2025", "ICPADS 2025"],
            },
            {"role": "Journal Reviewer", "items": ["TNSE", "TON", "JMLR"]},
            {"role": "Area Chair", "items": ["NeurIPS 2025"]},
            {
                "role": "Organizer",
                "items": ["Workshop on Learning to Optimize 2024"],
                "organization": "ICML",
            },
            {"role": "Department Committee", "organization": "Xiamen University"},
        ],
        "talks": [
            {
                "title": _title(rng, 2000 + i),
                "event": rng.choice(
                    (
                        "Optimization Seminar, ETH Zürich",
                        "CUHK CSE Seminar",
                        "Huawei Theory Lab",
                        "ACM APNet",
                    )
                ),
                "location": rng.choice(("Zürich, Switzerland", "Hong Kong", "Shenzhen, China")),
                **(
                    {"links": {"Slides": f"https://ellis.example.org/talks/{i}.pdf"}}
                    if i % 3 == 0
                    else {}
                ),
                **_dated(rng, i // 3, span=False),
            }
            for i in range(30)
        ],
        "publications": pubs,
    }


def dump(data: dict[str, Any]) -> str:
    """YAML text, one value a line (no folding), in the order given."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )


def edit_target(data: dict[str, Any]) -> dict[str, Any]:
    """The publication the live-edit test changes: one in the middle with a plain title."""
    pubs = data["publications"]
    for pub in pubs[len(pubs) // 2 :] + pubs:
        if all(c.isalnum() or c in " -:" for c in pub["title"]):
            return pub
    raise ValueError("no publication with a plain title")


def write_site(root: Path, n: int, seed: int = 2025) -> dict[str, Any]:
    """The sphinx-cv site for ``n`` publications; returns the profile data."""
    data = profile(n, seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "profile.yaml").write_text(dump(data), encoding="utf-8")
    name = data["person"]["name"]
    (root / "conf.py").write_text(CONF.format(name=name), encoding="utf-8")
    for page, text in PAGES.items():
        body = text.format(name=name, name_rule="=" * len(name))
        (root / f"{page}.rst").write_text(body, encoding="utf-8")
    return data
