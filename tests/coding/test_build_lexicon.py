"""scripts/build_lexicon.py: the project's overrides on top of a PETRARCH dictionary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def _build_module():
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_detached_verb_leaves_its_block_and_its_patterns(tmp_path):
    build = _build_module()
    src = tmp_path / "verbs.txt"
    src.write_text("---  SUMMON   [041]  ---\nSUMMON\nRING [041]\n- * (to) [020] # summon\n")
    overrides = {"detach_verbs": {"summon": ["ring"]},
                 "add_blocks": [{"name": "ring_up", "code": None, "verbs": [{"lemma": "ring", "code": "041"}],
                                 "patterns": ["* + [041:041]"]}]}
    doc, _, _ = build.build(src, overrides)
    summon = next(b for b in doc["blocks"] if b["name"] == "summon")
    assert [v["lemma"] for v in summon["verbs"]] == ["summon"]
    assert [b["name"] for b in doc["blocks"] if any(v["lemma"] == "ring" for v in b["verbs"])] == ["ring_up"]
    with pytest.raises(SystemExit):  # a detachment that matches nothing would drop a fix silently
        build.build(src, {"detach_verbs": {"summon": ["absent"]}})
