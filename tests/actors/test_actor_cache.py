from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
from pathlib import Path

from allegiance.actors.cache import _write, cache_dir, cached, fingerprint
from allegiance.actors.kb import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_built_knowledge_base_is_reused_until_a_file_changes(tmp_path: Path) -> None:
    root = tmp_path / "actors"
    shutil.copytree(FIXTURES, root)
    files = sorted(root.rglob("*.yaml"))
    builds: list[int] = []

    def build() -> KnowledgeBase:
        builds.append(1)
        return KnowledgeBase.from_files([root])

    first = cached(files, build)
    again = cached(files, build)
    assert len(builds) == 1 and again.stats() == first.stats()
    assert again.lookup("the Kremlin")[0].key == "RUS"
    states = root / "states.yaml"
    states.write_text(states.read_text() + "- {iso3: XKX, name: Kosovo}\n")
    os.utime(states, ns=(states.stat().st_atime_ns, states.stat().st_mtime_ns + 10**9))
    changed = cached(sorted(root.rglob("*.yaml")), build)
    assert len(builds) == 2 and "XKX" in changed.states
    assert str(cache_dir()).startswith(os.environ["XDG_CACHE_HOME"])


def _fixture_files(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = tmp_path / "actors"
    shutil.copytree(FIXTURES, root)
    return root, sorted(root.rglob("*.yaml"))


def test_a_corrupt_or_foreign_cache_file_is_rebuilt_and_replaced(tmp_path: Path) -> None:
    root, files = _fixture_files(tmp_path)
    cached(files, lambda: KnowledgeBase.from_files([root]), KnowledgeBase)
    [pickled] = [p for p in cache_dir().glob("actors-*.pickle") if fingerprint(files) in p.name]
    for junk in (b"", b"\x80\x05garbage", pickle.dumps({"not": "a knowledge base"}), pickled.read_bytes()[:100]):
        pickled.write_bytes(junk)
        kb = cached(files, lambda: KnowledgeBase.from_files([root]), KnowledgeBase)
        assert kb.lookup("the Kremlin")[0].key == "RUS"
        assert isinstance(pickle.loads(pickled.read_bytes()), KnowledgeBase)


def test_an_unwritable_cache_directory_only_costs_the_build(tmp_path: Path, monkeypatch) -> None:
    root, files = _fixture_files(tmp_path)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    builds: list[int] = []

    def build() -> KnowledgeBase:
        builds.append(1)
        return KnowledgeBase.from_files([root])

    assert cached(files, build, KnowledgeBase).lookup("the Kremlin")[0].key == "RUS"
    assert cached(files, build, KnowledgeBase).lookup("the Kremlin")[0].key == "RUS"
    assert len(builds) == 2


def test_the_cache_directory_follows_xdg_cache_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "allegiance"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for ignored in ("", "relative/cache"):  # the XDG spec: unset, empty or relative means the default
        monkeypatch.setenv("XDG_CACHE_HOME", ignored)
        assert cache_dir() == tmp_path / "home" / ".cache" / "allegiance"


def _write_many(args: tuple[str, int]) -> None:
    cache_home, rounds = args
    os.environ["XDG_CACHE_HOME"] = cache_home
    for _ in range(rounds):
        _write(cache_dir() / "race.pickle", list(range(200_000)))


def test_writers_racing_never_leave_a_torn_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "race"))
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        pending = pool.map_async(_write_many, [(str(tmp_path / "race"), 15)] * 2)
        target = cache_dir() / "race.pickle"
        while not pending.ready():
            if target.exists():
                assert pickle.loads(target.read_bytes()) == list(range(200_000))
        pending.get()
    assert pickle.loads(target.read_bytes()) == list(range(200_000))
    assert not list(target.parent.glob("*.tmp"))


def test_a_change_to_the_actors_code_changes_the_key(tmp_path: Path, monkeypatch) -> None:
    import allegiance.actors.cache as cache

    _, files = _fixture_files(tmp_path)
    before = fingerprint(files)
    code = tmp_path / "code"
    code.mkdir()
    (code / "records.py").write_text("# a changed module\n")
    monkeypatch.setattr(cache, "__file__", str(code / "cache.py"))
    assert fingerprint(files) != before
