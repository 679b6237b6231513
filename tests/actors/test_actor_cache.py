from __future__ import annotations

import os
import shutil
from pathlib import Path

from allegiance.actors.cache import cache_dir, cached
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
