"""Generate the event classifier's training sentences: src/allegiance/data/training/events.jsonl.

Usage: python scripts/make_training.py [--seed 13] [--per-phrase 6]

Sources, all written by the project (no CAMEO manual examples, nothing from gold/):
- ``phrases.yaml``: verb phrases per CAMEO code, nominal clauses, and no-event clauses;
- ``fillers.yaml``: actors from across the world, places, issues, sentence openers and closers;
- ``handwritten.tsv``: hand-written news sentences, the trigger word in [brackets].
Each verb phrase is put in several frames (past, perfect, headline present, progressive, passive,
reported, intent, aspectual "began ...ing", appositions, subordinate and participle clauses, datelines)
and also in negated, refused, urged and speculative frames, which are labelled ``none``: the
classifier learns that "did not condemn", "refused to sign" or "could invade" are not events.
Each record: id, text, trigger [start, end) character offsets, code (CAMEO or "none"), root, plover,
frame, group (the phrase it came from, so cross-validation can hold whole phrases out).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Any

import yaml

from allegiance.coding.cameo import load_codebook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "allegiance" / "data" / "training"
NONE = "none"
# Aspectual ("began supplying") and intent ("agreed to release") frames are positive: the act's word keeps its
# code under them (the coder turns intent into CAMEO 03), unlike under refusal or speculation verbs.
POSITIVE_FRAMES = ("past", "past", "perfect", "headline", "progressive", "passive", "reported", "intent", "coord",
                   "relative", "after", "said_had", "began", "started", "continued", "agreed_to", "pledged_to", "ready",
                   "conj2", "apposition", "as_clause", "citing", "said_day", "headline_colon", "intends_to", "plans_to",
                   "said_would")
NEGATIVE_FRAMES = ("not", "never", "refrain", "deny", "could", "may", "fear", "unclear", "question", "would_if",
                   "failed", "yet", "stopped_short", "expected", "considering", "ruled_out", "refused_to", "urged_to",
                   "wants_to", "declined_to", "without")
VOWELS = set("aeiou")
# capitalised first words of the written clauses that are not names, lowered after an opener
LOWER_AFTER_OPENER = {"The", "A", "Thousands", "Leaders", "New", "During", "Heavy", "Talks", "Protests", "Inflation", "Oil",
                      "Tourists", "Scientists", "Exports", "Unemployment", "Wheat", "Markets", "Traffic", "Analysts",
                      "Officials", "Analysts", "Scientists", "Prices"}


class Inflector:
    def __init__(self, irregular: dict[str, list[str]]):
        self.irregular = irregular

    def third(self, v: str) -> str:
        if v in ("have",):
            return "has"
        if v.endswith(("s", "sh", "ch", "x", "z", "o")):
            return v + "es"
        if v.endswith("y") and v[-2] not in VOWELS:
            return v[:-1] + "ies"
        return v + "s"

    def past(self, v: str) -> str:
        if v in self.irregular:
            return self.irregular[v][0]
        if v.endswith("e"):
            return v + "d"
        if v.endswith("y") and v[-2] not in VOWELS:
            return v[:-1] + "ied"
        return v + "ed"

    def participle(self, v: str) -> str:
        return self.irregular[v][1] if v in self.irregular else self.past(v)

    def ing(self, v: str) -> str:
        past = self.irregular.get(v, [""])[0]
        if past == v + v[-1] + "ed":
            return v + v[-1] + "ing"
        if v.endswith("ie"):
            return v[:-2] + "ying"
        if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
            return v[:-1] + "ing"
        return v + "ing"


def _plural(actor: str) -> bool:
    head = actor.split()[-1]
    return (head.endswith("s") and not head.endswith("ss") and actor[:1].islower()) or head in ("police", "people")


def _poss(actor: str) -> str:
    return actor + ("'" if actor.endswith("s") and actor[:1].islower() else "'s")


class Generator:
    def __init__(self, fillers: dict[str, Any], rng: random.Random):
        self.f = fillers
        self.rng = rng
        self.inf = Inflector(fillers["irregular"])

    def pick(self, key: str) -> str:
        return self.rng.choice(self.f[key])

    def subject(self, kind: str) -> str:
        if kind == "state":
            return self.pick(self.rng.choice(("state", "state", "leader", "org")))
        return self.pick(kind)

    def target(self, kind: str) -> str:
        if kind in ("police", "armed", "court") and self.rng.random() < 0.6:
            return self.pick("target_person")
        return self.pick(self.rng.choice(("state", "state", "leader", "org")))

    def fill(self, text: str, kind: str, subject: str) -> str:
        target = self.target(kind)
        while target == subject:
            target = self.target(kind)
        text = text.replace("{T}'s", _poss(target)).replace("{T}", target)
        text = text.replace("{T2}", self.pick("state")).replace("{S}'s", _poss(subject)).replace("{S}", subject)
        for slot, key in (("{P}", "place"), ("{X}", "issue"), ("{C}", "charge"), ("{W}", "weapon"), ("{N}", "number")):
            while slot in text:
                text = text.replace(slot, self.pick(key), 1)
        return text

    def clause(self, frame: str, subj: str, lemma: str, rest: str) -> str | None:
        """A clause with the trigger verb wrapped in \x01...\x02; None when the frame does not fit."""
        inf, pl = self.inf, _plural(subj)
        t = lambda form: f"\x01{form}\x02"  # noqa: E731
        rest = (" " + rest) if rest else ""
        has, is_ = ("have", "are") if pl else ("has", "is")
        frames = {
            "past": f"{subj} {t(inf.past(lemma))}{rest}",
            "perfect": f"{subj} {has} {t(inf.participle(lemma))}{rest}",
            "headline": f"{subj} {t(lemma if pl else inf.third(lemma))}{rest}",
            "progressive": f"{subj} {is_} {t(inf.ing(lemma))}{rest}",
            "reported": f"{subj} {t(inf.past(lemma))}{rest}, {self.pick('leader')} said",
            "intent": f"{subj} will {t(lemma)}{rest}",
            "coord": f"{subj} and {self.pick('state')} {t(inf.past(lemma))}{rest}",
            "relative": f"{subj}, which {has} long been close to {self.pick('state')}, {t(inf.past(lemma))}{rest}",
            "after": f"after {subj} {t(inf.past(lemma))}{rest}, {self.pick('state')} responded angrily",
            "said_had": f"{self.pick('leader')} said {subj} had {t(inf.participle(lemma))}{rest}",
            "began": f"{subj} began {t(inf.ing(lemma))}{rest}",
            "started": f"{subj} {has} started to {t(lemma)}{rest}",
            "continued": f"{subj} continued {t(inf.ing(lemma))}{rest} despite {self.pick('issue')}",
            "agreed_to": f"{subj} agreed to {t(lemma)}{rest}",
            "pledged_to": f"{subj} pledged to {t(lemma)}{rest}",
            "ready": f"{subj} {is_} ready to {t(lemma)}{rest}, {self.pick('leader')} said",
            "conj2": f"{subj} {self.pick('opening_act')} and {t(inf.past(lemma))}{rest}",
            "apposition": f"{subj}, {self.pick('apposition')}, {t(inf.past(lemma))}{rest}",
            "as_clause": f"{subj} {t(inf.past(lemma))}{rest} as tensions with {self.pick('state')} mounted",
            "citing": f"{subj} {t(inf.past(lemma))}{rest}, citing {self.pick('issue')}",
            "said_day": f"{subj} {t(inf.past(lemma))}{rest}, {self.pick('speaker')} said on {self.pick('day')}",
            "headline_colon": f"{self.pick('headline_tag')}: {subj} {t(lemma if pl else inf.third(lemma))}{rest}",
            "intends_to": f"{self.pick('leader')} said {subj} intended to {t(lemma)}{rest} soon",
            "plans_to": f"{subj} {'plan' if pl else 'plans'} to {t(lemma)}{rest} next week",
            "refused_to": f"{subj} refused to {t(lemma)}{rest}",
            "declined_to": f"{subj} declined to {t(lemma)}{rest}",
            "urged_to": f"{self.pick('leader')} urged {subj} to {t(lemma)}{rest}",
            # reported intent ("said it would free ...") keeps the act's code, as "will" does; a bare
            # conditional ("would ... only if") is speculation, see would_if
            "said_would": f"{self.pick('leader')} said {subj} would {t(lemma)}{rest}",
            "wants_to": f"{subj} wants to {t(lemma)}{rest}, officials believe",
            "without": f"{subj} left the summit without {t(inf.ing(lemma))}{rest}",
            "failed": f"{subj} failed to {t(lemma)}{rest}",
            "yet": f"{subj} {has} yet to {t(lemma)}{rest}",
            "stopped_short": f"{subj} stopped short of {t(inf.ing(lemma))}{rest}",
            "expected": f"{subj} {is_} expected to {t(lemma)}{rest} next month",
            "considering": f"{subj} {is_} considering whether to {t(lemma)}{rest}",
            "ruled_out": f"{subj} ruled out {t(inf.ing(lemma))}{rest}",
            "not": f"{subj} did not {t(lemma)}{rest}",
            "never": f"{subj} {has} never {t(inf.participle(lemma))}{rest}",
            "refrain": f"{subj} refrained from {t(inf.ing(lemma))}{rest}",
            "deny": f"{subj} denied {t(inf.ing(lemma))}{rest}",
            "could": f"{subj} could {t(lemma)}{rest}",
            "may": f"{subj} may {t(lemma)}{rest} if talks fail",
            "fear": f"analysts fear that {subj} might {t(lemma)}{rest}",
            "unclear": f"it is unclear whether {subj} will {t(lemma)}{rest}",
            "question": f"will {subj} {t(lemma)}{rest}",
            "would_if": f"{subj} would {t(lemma)}{rest} only if its demands were met",
        }
        if frame.split("_")[0] in (lemma, inf.past(lemma)) or (frame in ("refused_to", "declined_to") and lemma in ("refuse", "decline")):
            return None  # "agreed to agree", "refused to refuse"
        if frame == "passive":
            if not rest.startswith(" {T}") or rest.startswith(" {T}'s"):
                return None
            return f"{{T}} was {t(inf.participle(lemma))} by {subj}{rest[4:]}"
        return frames[frame]

    def sentence(self, clause: str, frame: str, kind: str, subj: str) -> tuple[str, tuple[int, int]]:
        text = self.fill(clause, kind, subj)
        if frame in ("headline", "headline_colon"):
            pre, post, end = "", "", ""
        elif frame == "question":
            pre, post, end = "", "", "?"
        else:
            pre, post, end = self.pick("pre"), self.pick("post"), "."
            if frame in ("reported", "ready", "said_day", "citing") or (pre and post.startswith((" on", " last", " earlier"))):
                post = ""  # one time expression per sentence is enough
            first = clause.lstrip("\x01").split(" ", 1)[0]
            if pre and first in LOWER_AFTER_OPENER:
                text = text.replace(first, first.lower(), 1)
        text = pre + text + post + end
        text = text[0].upper() + text[1:]
        if frame not in ("headline", "headline_colon", "question") and self.rng.random() < 0.15:
            text = self.pick("dateline") + text  # wire copy: "ASTANA, March 3 (Reuters) - ..."
        start = text.index("\x01")
        text = text.replace("\x01", "", 1)
        end_at = text.index("\x02")
        text = text.replace("\x02", "", 1)
        return text, (start, end_at)


def _record(rid: str, text: str, span: tuple[int, int], code: str, frame: str, group: str) -> dict[str, Any]:
    book = load_codebook()
    info = book.lookup(code) if code != NONE else None
    return {
        "id": rid,
        "text": text,
        "trigger": list(span),
        "code": code,
        "root": info.root if info else NONE,
        "plover": (info.plover if info else None),
        "frame": frame,
        "group": group,
    }


def generate(phrases: dict[str, Any], fillers: dict[str, Any], seed: int, per_phrase: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    gen = Generator(fillers, rng)
    out: list[dict[str, Any]] = []
    for key, spec in phrases["codes"].items():
        code = key.split("@")[0]  # "173@court": a second phrase list for the code, with its own subjects
        kind = spec.get("subject", "state")
        for n, phrase in enumerate(spec["phrases"]):
            group = f"{key}:{n}"
            lemma, _, rest = phrase.partition(" ")
            frames = rng.sample(POSITIVE_FRAMES, k=min(per_phrase, len(POSITIVE_FRAMES)))
            negs = rng.sample(NEGATIVE_FRAMES, k=max(2, per_phrase // 3))
            for frame in frames + negs:
                subj = gen.subject(kind)
                clause = gen.clause(frame, subj, lemma, rest)
                if clause is None:
                    continue
                text, span = gen.sentence(clause, frame, kind, subj)
                label = code if frame in POSITIVE_FRAMES or frame == "passive" else NONE
                out.append(_record(f"t{len(out):05d}", text, span, label, frame, group))
    for code, clauses in phrases["nominal"].items():
        for n, clause in enumerate(clauses):
            for _ in range(per_phrase):
                subj = gen.subject("state")
                marked = re.sub(r"\[([^\]]+)\]", "\x01\\1\x02", clause)
                text, span = gen.sentence(marked, "past", "state", subj)
                out.append(_record(f"t{len(out):05d}", text, span, code, "nominal", f"n{code}:{n}"))
    for n, clause in enumerate(phrases["none"]):
        for _ in range(per_phrase):
            marked = re.sub(r"\[([^\]]+)\]", "\x01\\1\x02", clause)
            text, span = gen.sentence(marked, "past", "state", gen.subject("state"))
            out.append(_record(f"t{len(out):05d}", text, span, NONE, "background", f"none:{n}"))
    return out


def handwritten(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        code, text = line.split("\t", 1)
        m = re.search(r"\[([^\]]+)\]", text)
        if m is None:
            raise SystemExit(f"{path.name} line {n + 1}: no [trigger]")
        clean = text[: m.start()] + m.group(1) + text[m.end() :]
        out.append(_record(f"h{n:04d}", clean, (m.start(), m.start() + len(m.group(1))), code, "hand", f"h{n}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-phrase", type=int, default=9)
    args = parser.parse_args()
    phrases = yaml.safe_load((DATA / "phrases.yaml").read_text(encoding="utf-8"))
    fillers = yaml.safe_load((DATA / "fillers.yaml").read_text(encoding="utf-8"))
    records = generate(phrases, fillers, args.seed, args.per_phrase) + handwritten(DATA / "handwritten.tsv")
    with (DATA / "events.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    roots: dict[str, int] = {}
    for rec in records:
        roots[rec["root"]] = roots.get(rec["root"], 0) + 1
    print(f"wrote {len(records)} sentences; per root: {dict(sorted(roots.items()))}")


if __name__ == "__main__":
    main()
