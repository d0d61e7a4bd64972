"""The example profile holds every fact of the two seed documents.

The expected strings below are copied from the seeds (the homepage's publications page
and the CV as text), so the test does not need the seed files.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sphinx_cv.data import load_profile

PROFILE = Path(__file__).resolve().parent.parent / "example_site" / "profile.yaml"


@pytest.fixture(scope="module")
def result():
    return load_profile(str(PROFILE))


@pytest.fixture(scope="module")
def profile(result):
    return result.profile


def strings_in(value, seen=None):
    """Every string (and CvDate text) reachable from a loaded value."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key, seen)
            yield from strings_in(item, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item, seen)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name in ("source", "locations", "path"):
                continue
            yield from strings_in(getattr(value, f.name), seen)


@pytest.fixture(scope="module")
def all_strings(profile):
    return set(strings_in(profile))


# --- labels as each seed prints them -> publication ids ---------------------------------

COMMON_LABELS = {
    "C8": "song2025provably",
    "C7": "huang2025optical",
    "C6": "song2024robust",
    "C5": "song2024mimo",
    "C4": "zhang2024fed2com",
    "C3": "song2020gacn",
    "C2": "chen2020graphdb",
    "C1": "song2019topological",
    "W2": "song2023l2o",
    "W1": "song2023learningonly",
}
HOMEPAGE_LABELS = {
    "P3": "lin2025multiquery",
    "P2": "song2025harnessing",
    "P1": "lin2024adaptive",
    **COMMON_LABELS,
}
CV_LABELS = {
    "A3": "lin2025multiquery",
    "A2": "song2025harnessing",
    "A1": "lin2024adaptive",
    **COMMON_LABELS,
}

# (intro, [(topic as the seed writes it, tags as the seed writes them)])
SEED_INTERESTS = {
    "current": (
        HOMEPAGE_LABELS,
        "My current research interests:",
        [
            ("Zeroth-Order Optimization.", ["P3"]),
            ("Learning to Optimize.", ["P1", "C8", "C7", "C6", "C5", "W2", "W1"]),
            ("AI for Computer Network Management & Scheduling.", ["C8", "C7", "C5", "W2", "W1"]),
            ("Optimization for Deep Learning.", ["C8"]),
            ("Inference Acceleration for LLM.", ["P2"]),
        ],
    ),
    "past": (
        HOMEPAGE_LABELS,
        "My past research topics:",
        [
            ("Communication Efficient Federated Learning.", ["C4"]),
            ("Graph Neural Networks.", ["C5", "W2", "W1", "C3", "C1"]),
            ("Time Series Prediction.", ["C3", "C1"]),
        ],
    ),
    "cv": (
        CV_LABELS,
        "I am broadly interested in (theoretical) foundations and "
        "applications of deep learning on the following topics:",
        [
            ("Optimization in Deep Learning.", ["A3", "C8"]),
            ("Learning to Optimize.", ["A1", "C8", "C7", "C6", "C5", "W2", "W1"]),
            ("AI for Networking.", ["C7", "C5", "W2", "W1"]),
            ("Inference Acceleration for LLM.", ["A3"]),
            ("Communication Efficient Federated Learning.", ["C4"]),
            ("Graph Neural Networks.", ["C5", "W2", "W1", "C3", "C1"]),
            ("Time Series Prediction.", ["C3", "C1"]),
        ],
    ),
}

# --- the publication lists, label -> (authors, title, venue text as printed) ------------

SEED_PUBLICATIONS = {
    "P3": (
        ["Wei Lin", "Qingyu Song", "Hong Xu"],
        "The Multi-Query Paradox in Zeroth-Order Optimization",
        "2509.15552",
    ),
    "P2": (
        [
            "Qingyu Song",
            "Peiyu Liao",
            "Wenqian Zhao",
            "Yiwen Wang",
            "Shoubo Hu",
            "Hui-Ling Zhen",
            "Ning Jiang",
            "Mingxuan Yuan",
        ],
        "Harnessing On-Device Large Language Model: Empirical Results and Implications for AI PC",
        "2505.15030",
    ),
    "P1": (
        ["Wei Lin", "Qingyu Song", "Hong Xu"],
        "Adaptive Coordinate-Wise Step Sizes for Quasi-Newton Methods: A "
        "Learning-to-Optimize Approach",
        "2412.00059",
    ),
    "C8": (
        ["Qingyu Song", "Wei Lin", "Hong Xu"],
        "Learning Provably Improves the Convergence of Gradient Descent",
        "NeurIPS 2025",
    ),
    "C7": (
        [
            "Siyong Huang",
            "Qingyu Song",
            "Kexin Yu",
            "Zhaoning Wang",
            "Zhizhen Zhong",
            "Qiao Xiang",
            "Jiwu Shu",
        ],
        "Toward Scalable Learning-Based Optical Restoration",
        "ACM APNet",
    ),
    "C6": (
        ["Qingyu Song", "Wei Lin", "Juncheng Wang", "Hong Xu"],
        "Towards Robust Learning to Optimize with Theoretical Guarantees",
        "IEEE/CVF CVPR",
    ),
    "C5": (
        ["Qingyu Song", "Juncheng Wang", "Jingzong Li", "Guocheng Liu", "Hong Xu"],
        "A Learning-only Method for Multi-Cell Multi-User MIMO Sum Rate Maximization",
        "IEEE INFOCOM",
    ),
    "C4": (
        [
            "Yu Zhang",
            "Wei Lin",
            "Sisi Chen",
            "Qingyu Song",
            "Jiaxun Lu",
            "Yunfeng Shao",
            "Bei Yu",
            "Hong Xu",
        ],
        "Fed2Com: Towards Efficient Compression in Federated Learning",
        "IEEE ICNC",
    ),
    "C3": (
        ["Qingyu Song", "RuiBo Ming", "Jianming Hu", "Haoyi Niu", "Mingyang Gao"],
        "Graph Attention Convolutional Network: Spatiotemporal Modeling for Urban Traffic "
        "Prediction",
        "IEEE ITSC",
    ),
    "C2": (
        ["Jinhua Chen", "Qingyu Song", "Can Zhao", "Zhiheng Li"],
        "Graph Database and Relational Database Performance Comparison on a Transportation Network",
        "ICACDS",
    ),
    "C1": (
        ["Qingyu Song", "Jianming Hu", "Ruobing Zhang", "Zuo Zhang"],
        "An Urban Topological Map Generation Method for Traffic Flow Prediction Based on "
        "Road Segment Clustering with Floating Vehicle Trajectory Dataset",
        "COTA CICTP",
    ),
    "W2": (
        ["Qingyu Song", "Guocheng Liu", "Hong Xu"],
        "Learning to Optimize Non-Convex Sum-Rate Maximization Problems",
        "ICML 2023, 1st Workshop on Synergy of Scientific and Machine Learning Modeling",
    ),
    "W1": (
        ["Qingyu Song", "Guocheng Liu", "Hong Xu"],
        "Towards a Learning-Only Approach for Non-Convex Sum Rate Maximization",
        "ACM SigMetrics 2023, 1st Workshop on Learning-augmented Algorithms: Theory and "
        "Applications",
    ),
}
SEED_YEARS = {
    "P3": 2025,
    "P2": 2025,
    "P1": 2024,
    "C8": 2025,
    "C7": 2025,
    "C6": 2024,
    "C5": 2024,
    "C4": 2024,
    "C3": 2020,
    "C2": 2020,
    "C1": 2019,
    "W2": 2023,
    "W1": 2023,
}
LABEL_TYPES = {"P": "preprint", "A": "preprint", "C": "conference", "W": "workshop"}

# Names of people other than authors: advisors and mentors as the CV writes them.
SEED_PEOPLE = [
    "Prof. Hong Xu",
    "Prof. Jianming Hu",
    "Dr. Xuefeng Piao",
    "Dr. Hui-Ling Zhen",
    "Dr. Shoubo Hu",
    "Prof. Juncheng Wang (HKBU)",
    "Dr. Guochen Liu",
    "Dr. Yizhi Wang",
]

SEED_ORGANIZATIONS = [
    "School of Informatics",
    "Xiamen University",
    "The Chinese University of Hong Kong",
    "Tsinghua University",
    "Harbin Institute of Technology",
    "Huawei Noah's Ark Lab",
    "CUHK",
    "NEBULA-LINK Internet Technology Co., Ltd.",
    "HITWH",
    "XMU",
    "People's Government of Shandong Province",
    "Harbin Institute of Technology, Weihai",
]

SEED_FACTS = [
    # header
    "Qingyu Song",
    "simmonssong96@gmail.com",
    "+86 13260063767",
    "+852 6341 2126",
    "Assistant Professor",
    "https://scholar.google.com/citations?hl=en&user=C33tGsQAAAAJ&view_op=list_works"
    "&sortby=pubdate",
    # education
    "Hong Kong, China",
    "Beijing, China",
    "Weihai, China",
    "Ph.D.",
    "M.S.",
    "B.S.",
    "Computer Science and Engineering",
    "Control Engineering",
    "Software Engineering",
    "Exploring the Foundation of Learning to Optimize: From Practice to Theory",
    "Traffic Time Series Data Prediction with Graph Neural Networks",
    "Vehicle Trajectory Cleaning and Traffic Flow Prediction with Deep Learning Methods",
    # research experience
    "Intern",
    "Visiting Researcher",
    "Research Assistant",
    "UG Research Assistant",
    "R&D Intern",
    "Part-time R&D Intern",
    "LLM Quantization.",
    "Learning Provably Improves the Convergence of Gradient Descent.",
    "Convergence Analysis of Learning to Optimize (L2O) in Out-of-Distribution (OOD) Scenarios",
    "Learning-Based Precoding for Multi-Cell, Multi-User MIMO Interference Reduction.",
    "National Key R&D Program, 5G Efficient and Intelligent Vehicle-to-Vehicle Networking "
    "Technology for Tokyo Olympics, Topic 2 - Research on Traffic State Perception System.",
    "Graph Neural Network-based Traffic Flow Prediction.",
    "Vehicle Traffic Trajectory Data Cleaning and Augmentation.",
    "Android App Development and Data Analysis for Advanced Driver Assistance Systems.",
    "Android App Development for Inspection System with Client/Server Architecture.",
    # teaching
    "Fall 2025",
    "Spring 2022",
    "Spring 2021",
    "Fall 2021",
    "CSCI",
    "CSCI 4430 / ESTR 4120",
    "CSCI 4430",
    "ENGG 2760A / ESTR 2018",
    "Introduction to Computational Thinking",
    "Data Communication and Computer Networks",
    "Probability for Engineers",
    # awards
    "2025 ACM SIGCSE China Doctoral Dissertation Award!",
    "Travel Grant",
    "ACM APNet 2025",
    "Student Travel Grant",
    "IEEE INFOCOM 2024",
    "Financial Support",
    "ICML 2023",
    "Full Postgraduate Studentship",
    "First Honor and Second Honor Scholarships",
    "Outstanding Graduate Award at Provincial Level",
    # services
    "Conference Reviewer",
    "PC Member",
    "Journal Reviewer",
    "ICLR 2026",
    "NeurIPS 2025",
    "ICML 2025",
    "ICLR 2025",
    "AAAI 2026",
    "EuroSys 2026 (Shadow)",
    "IJCAI 2025",
    "ECAI 2025",
    "ICA3PP 2025",
    "ICPADS 2025",
    "TNSE",
]


# --- tests -------------------------------------------------------------------------------


def test_loads_without_problems(result):
    assert [str(p) for p in result.problems] == []


def test_counts(profile):
    types = [p.type for p in profile.publications]
    assert len(profile.publications) == 13
    assert types.count("preprint") == 3
    assert types.count("conference") == 8
    assert types.count("workshop") == 2
    assert len(profile.education) == 3
    assert len(profile.positions) == 1
    assert len(profile.research) == 9
    assert len(profile.teaching) == 4
    assert len(profile.awards) == 8
    assert len(profile.service) == 3
    assert list(profile.interests) == ["current", "past", "cv"]
    assert [len(g.topics) for g in profile.interests.values()] == [5, 3, 7]


def test_person(profile):
    person = profile.person
    assert person.name == "Qingyu Song"
    assert person.position == "Assistant Professor"
    assert person.affiliation == ["School of Informatics", "Xiamen University"]
    assert person.email == ["simmonssong96@gmail.com"]
    assert person.phone == ["+86 13260063767", "+852 6341 2126"]
    assert person.website == "https://simmonssong.github.io"
    assert [(link.label, link.kind) for link in person.links] == [("Google Scholar", "scholar")]
    assert person.photo is None
    assert profile.updated.iso() == "2025-09"


@pytest.mark.parametrize("label", sorted(SEED_PUBLICATIONS))
def test_publication(profile, label):
    authors, title, venue = SEED_PUBLICATIONS[label]
    pub = profile.publication(HOMEPAGE_LABELS[label])
    assert pub is not None
    assert pub.title == title
    assert pub.authors == authors
    assert pub.type == LABEL_TYPES[label[0]]
    assert pub.year == SEED_YEARS[label]
    if pub.type == "preprint":
        assert pub.arxiv == venue
        assert pub.status == "In submission"
        assert pub.venue is None
    else:
        assert pub.venue == venue


@pytest.mark.parametrize("labels", [HOMEPAGE_LABELS, CV_LABELS], ids=["homepage", "cv"])
def test_order_reproduces_labels(profile, labels):
    """Numbering each type newest first gives every paper the label the seeds print."""
    for prefix in {label[0] for label in labels}:
        kind = LABEL_TYPES[prefix]
        pubs = sorted(
            (p for p in profile.publications if p.type == kind),
            key=lambda p: p.sort_key(),
            reverse=True,
        )
        keys = [p.sort_key() for p in pubs]
        assert len(set(keys)) == len(keys), f"{kind}: two papers share a year and month"
        numbered = {f"{prefix}{len(pubs) - i}": p.id for i, p in enumerate(pubs)}
        assert numbered == {k: v for k, v in labels.items() if k[0] == prefix}


def test_pdf_link(profile):
    assert profile.publication("song2025provably").pdf == "/files/MathL2OProof_QYS.pdf"
    assert [p.id for p in profile.publications if p.pdf] == ["song2025provably"]


def test_selected(profile):
    assert {p.id for p in profile.publications if p.selected} == {
        "song2025provably",
        "song2024robust",
        "song2024mimo",
        "song2025harnessing",
    }


@pytest.mark.parametrize("group", list(SEED_INTERESTS))
def test_interests(profile, group):
    labels, intro, topics = SEED_INTERESTS[group]
    loaded = profile.interests[group]
    assert loaded.intro == intro
    assert [t.name for t in loaded.topics] == [name.rstrip(".") for name, _ in topics]
    for topic, (name, tags) in zip(loaded.topics, topics, strict=True):
        assert [ref.id for ref in topic.publications] == [labels[t] for t in tags], name


def test_every_author_present(all_strings):
    for authors, _, _ in SEED_PUBLICATIONS.values():
        for name in authors:
            assert name in all_strings, name


def test_every_title_present(all_strings):
    for _, title, _ in SEED_PUBLICATIONS.values():
        assert title in all_strings, title


def test_every_topic_present(all_strings):
    for _, _, topics in SEED_INTERESTS.values():
        for name, _ in topics:
            assert name.rstrip(".") in all_strings, name


@pytest.mark.parametrize("text", SEED_PEOPLE + SEED_ORGANIZATIONS + SEED_FACTS)
def test_seed_fact_present(all_strings, text):
    assert text in all_strings


def test_positions_and_education(profile):
    job = profile.positions[0]
    assert (job.position, job.organization, job.department) == (
        "Assistant Professor",
        "Xiamen University",
        "School of Informatics",
    )
    assert job.start.iso() == "2025-09" and job.end is None
    assert job.when[1].present
    assert [
        (e.institution, e.location, e.degree, e.field, e.start.iso(), e.end.iso(), e.advisor)
        for e in profile.education
    ] == [
        (
            "The Chinese University of Hong Kong",
            "Hong Kong, China",
            "Ph.D.",
            "Computer Science and Engineering",
            "2021",
            "2025",
            ["Prof. Hong Xu"],
        ),
        (
            "Tsinghua University",
            "Beijing, China",
            "M.S.",
            "Control Engineering",
            "2018",
            "2021",
            ["Prof. Jianming Hu"],
        ),
        (
            "Harbin Institute of Technology",
            "Weihai, China",
            "B.S.",
            "Software Engineering",
            "2014",
            "2018",
            ["Dr. Xuefeng Piao"],
        ),
    ]


def test_research(profile):
    assert [
        (r.start.iso(), r.end.iso(), r.role, r.organization, r.mentor, r.advisor)
        for r in profile.research
    ] == [
        (
            "2025-01",
            "2025-04",
            "Intern",
            "Huawei Noah's Ark Lab",
            ["Dr. Hui-Ling Zhen", "Dr. Shoubo Hu"],
            [],
        ),
        ("2024-03", "2025-01", None, "CUHK", [], ["Prof. Hong Xu"]),
        ("2023-09", "2023-12", None, "CUHK", [], ["Prof. Hong Xu", "Prof. Juncheng Wang (HKBU)"]),
        (
            "2022-11",
            "2023-05",
            "Visiting Researcher",
            "Huawei Noah's Ark Lab",
            ["Dr. Guochen Liu"],
            [],
        ),
        (
            "2020-11",
            "2021-05",
            "Research Assistant",
            "Tsinghua University",
            [],
            ["Prof. Jianming Hu"],
        ),
        (
            "2020-01",
            "2020-05",
            "Research Assistant",
            "Tsinghua University",
            [],
            ["Prof. Jianming Hu"],
        ),
        (
            "2018-03",
            "2018-05",
            "UG Research Assistant",
            "Tsinghua University",
            [],
            ["Prof. Jianming Hu"],
        ),
        (
            "2017-10",
            "2018-01",
            "R&D Intern",
            "NEBULA-LINK Internet Technology Co., Ltd.",
            ["Dr. Yizhi Wang"],
            [],
        ),
        ("2016-05", "2017-05", "Part-time R&D Intern", "HITWH", ["Dr. Xuefeng Piao"], []),
    ]


def test_teaching(profile):
    assert [(t.date.iso(), t.institution, t.code, t.course) for t in profile.teaching] == [
        ("Fall 2025", "XMU", "CSCI", "Introduction to Computational Thinking"),
        (
            "Spring 2022",
            "CUHK",
            "CSCI 4430 / ESTR 4120",
            "Data Communication and Computer Networks",
        ),
        ("Spring 2021", "CUHK", "CSCI 4430", "Data Communication and Computer Networks"),
        ("Fall 2021", "CUHK", "ENGG 2760A / ESTR 2018", "Probability for Engineers"),
    ]


def test_awards(profile):
    def when(a):
        start, end = a.when
        return start.iso() if end is None else f"{start.iso()}-{end.iso()}"

    assert [(when(a), a.title, a.awarder) for a in profile.awards] == [
        ("2025-09", "2025 ACM SIGCSE China Doctoral Dissertation Award!", None),
        ("2025-06", "Travel Grant", "ACM APNet 2025"),
        ("2024-03", "Student Travel Grant", "IEEE INFOCOM 2024"),
        ("2023-07", "Financial Support", "ICML 2023"),
        ("2021-2025", "Full Postgraduate Studentship", "CUHK"),
        ("2019-2020", "First Honor and Second Honor Scholarships", "Tsinghua University"),
        (
            "2018-06",
            "Outstanding Graduate Award at Provincial Level",
            "People's Government of Shandong Province",
        ),
        (
            "2015-2017",
            "First Honor and Second Honor Scholarships",
            "Harbin Institute of Technology, Weihai",
        ),
    ]


def test_service(profile):
    assert [(s.role, s.items) for s in profile.service] == [
        ("Conference Reviewer", ["ICLR 2026", "NeurIPS 2025", "ICML 2025", "ICLR 2025"]),
        (
            "PC Member",
            [
                "AAAI 2026",
                "EuroSys 2026 (Shadow)",
                "IJCAI 2025",
                "ECAI 2025",
                "ICA3PP 2025",
                "ICPADS 2025",
            ],
        ),
        ("Journal Reviewer", ["TNSE"]),
    ]
