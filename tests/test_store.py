"""The one store of the profile and its one rule for when something is stale
(``data/stamps.py``, ``data/store.py``)."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from sphinx_cv.data.profile import Profile
from sphinx_cv.data.publication import Publication
from sphinx_cv.data.stamps import stale, stamp
from sphinx_cv.data.store import ProfileStore

T0 = 1_000_000_000_000_000_000


def test_a_stamp_is_stale_when_a_file_changes_appears_or_goes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.bib"
    a.write_text("x", encoding="utf-8")
    os.utime(a, ns=(T0, T0))
    taken = stamp([str(a), str(b)])  # b does not exist yet
    assert not stale(taken)
    # Read back from JSON (the website stamp) it is the same stamp.
    assert not stale(json.loads(json.dumps(taken)))
    b.write_text("@misc{k}", encoding="utf-8")
    assert stale(taken)  # a file appearing
    taken = stamp([str(a), str(b)])
    os.utime(a, ns=(T0 + 1, T0 + 1))
    assert stale(taken)  # touched
    taken = stamp([str(a), str(b)])
    a.write_text("xy", encoding="utf-8")
    os.utime(a, ns=(T0 + 1, T0 + 1))
    assert stale(taken)  # same time, another size
    taken = stamp([str(a), str(b)])
    b.unlink()
    assert stale(taken)  # a file gone


def test_the_store_parses_again_only_when_stale_and_pickles_empty(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("person: {name: Ada}\n", encoding="utf-8")
    store = ProfileStore()
    first, fresh = store.get(str(path))
    assert fresh and not stale(first.stamp)
    assert store.get(str(path)) == (first, False)
    path.write_text("person: {name: Ada King}\n", encoding="utf-8")
    again, fresh = store.get(str(path))
    assert fresh and again.profile.person is not None
    assert again.profile.person.name == "Ada King"
    assert pickle.loads(pickle.dumps(store)).is_empty()
    assert b"Ada King" not in pickle.dumps(store)


def test_by_id_follows_every_change_of_the_list() -> None:
    a, b, c = Publication(id="a"), Publication(id="b"), Publication(id="c")
    profile = Profile(publications=[a, b])
    assert profile.by_id == {"a": a, "b": b}
    profile.publications.append(c)
    assert profile.publication("c") is c
    replaced = Publication(id="d")
    profile.publications[0] = replaced  # same length, another entry
    assert set(profile.by_id) == {"d", "b", "c"} and profile.publication("a") is None
    profile.publications = [a]
    assert profile.by_id == {"a": a}
    profile.publications += [b]
    assert profile.by_id == {"a": a, "b": b}
    del profile.publications[0]
    assert profile.by_id == {"b": b}
    profile.publications.clear()
    assert profile.by_id == {}
    # Pickled (the saved facts, parallel builds) the list is made again with its index.
    profile.publications.extend([a, c])
    copy = pickle.loads(pickle.dumps(profile))
    assert set(copy.by_id) == {"a", "c"}
    copy.publications.pop()
    assert set(copy.by_id) == {"a"} and set(profile.by_id) == {"a", "c"}
