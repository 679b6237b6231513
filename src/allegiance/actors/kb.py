"""The actor knowledge base: validated data files plus the lookup indexes the resolver needs.

``load_kb()`` reads every YAML file under ``allegiance/data/actors`` (states, organizations,
``people/*.yaml``, agents), merges the user's overlay (setting ``actors_overlay`` /
``ALLEGIANCE_ACTORS_OVERLAY``; a file or a directory of the same shape, whose entries replace
packaged ones with the same key) and caches the result per overlay.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

from allegiance.actors.loader import RawData, read_file, yaml_files
from allegiance.actors.names import key, normalise
from allegiance.actors.records import CodedName, Entry, Organization, Person, Role, State
from allegiance.errors import DataFileError, NotFound

_ROMAN = re.compile(r"^[ivxlcdm]+$|^.?$")
# Which role a person is best described by when several are active at once.
KIND_RANK = {k: i for i, k in enumerate((
    "head_of_state", "head_of_government", "org_head", "deputy_head_of_government", "foreign_minister",
    "defence_minister", "security_chief", "minister", "military_commander", "company_head", "spokesperson",
    "official", "legislator", "judge", "opposition", "religious", "journalist", "blogger"))}


def plural(term: str) -> str:
    head, _, last = term.rpartition(" ")
    if last.endswith(("men", "people", "police", "media", "press")):
        form = last
    elif last.endswith("man"):
        form = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        form = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        form = last + "es"
    else:
        form = last + "s"
    return f"{head} {form}" if head else form


class KnowledgeBase:
    def __init__(self, data: RawData, coded: dict[str, CodedName] | None = None):
        self.states: dict[str, State] = data.states
        self.organizations: dict[str, Organization] = data.organizations
        self.people: dict[str, Person] = data.people
        self.coded: dict[str, CodedName] = coded or {}
        self.files = tuple(data.files)
        self.agents: dict[str, str] = {}
        for term, sector in data.agents.items():
            k = key(term)
            self.agents[k] = sector
            self.agents.setdefault(plural(k), sector)
            if k.endswith("s") and not k.endswith(("ss", "us", "is", "news")):
                self.agents.setdefault(k[:-1], sector)
        self.affiliations = {key(t): c for t, c in data.affiliations.items()}
        self.index: dict[str, list[Entry]] = defaultdict(list)
        self._holders: dict[tuple[str, str], list[tuple[Person, Role]]] = defaultdict(list)
        # Titles that carry their own anchor ("Kremlin spokesman") name the state they belong to.
        self.title_anchors: dict[str, set[str]] = defaultdict(set)
        self.led_by: dict[str, list[Organization]] = defaultdict(list)  # blocs by leading state
        self.first_names: dict[str, list[Person]] = defaultdict(list)
        self._check(data)
        self._build()
        self.max_words = max((k.count(" ") + 1 for k in self.index), default=1)
        self.max_agent_words = max((k.count(" ") + 1 for k in self.agents), default=1)

    # --- building --------------------------------------------------------------------------

    def _add(self, name: str | None, entry: Entry) -> None:
        k = key(name or "")
        if k and entry not in self.index[k]:
            self.index[k].append(entry)

    def _build(self) -> None:
        for s in self.states.values():
            for name in (s.name, s.official, *s.aliases):
                self._add(name, Entry("state", s.iso3, "name"))
            for how, names in (("adjective", s.adjectives), ("demonym", s.demonyms), ("metonym", s.metonyms)):
                for name in names:
                    self._add(name, Entry("state", s.iso3, how))
            if s.capital and key(s.capital.name) not in {key(m) for m in s.metonyms}:
                self._add(s.capital.name, Entry("state", s.iso3, "capital"))
        for o in self.organizations.values():
            if o.leader and o.type == "bloc":
                self.led_by[o.leader].append(o)
            for name in (o.name, *o.aliases):
                self._add(name, Entry("org", o.code, "name"))
            self._add(o.code, Entry("org", o.code, "code"))
        for p in self.people.values():
            self.first_names[key(p.name.split()[0])].append(p)
            for name in (p.name, *p.aliases):
                self._add(name, Entry("person", p.id, "name"))
            for name in p.surnames:
                self._add(name, Entry("person", p.id, "surname"))
            if not p.surnames and not _ROMAN.match(key(p.name.split()[-1])):
                # Without listed surnames the last word serves, unless it is a regnal numeral (Frederik X).
                self._add(p.name.split()[-1], Entry("person", p.id, "surname"))
            for role in p.roles:
                anchor = role.org or role.country
                if anchor:
                    self._holders[(anchor, role.kind)].append((p, role))
                    self._holders[(anchor, "title:" + key(role.title))].append((p, role))
                    self._holders[(anchor, "*")].append((p, role))
                    self.title_anchors[key(role.title)].add(anchor)
        self._keep_naming_titles()
        for c in self.coded.values():
            self._add(c.name, Entry("coded", c.id, "name"))
        # Built here, so that they come with the cached copy instead of being made again in every process.
        self.role_titles = list(dict.fromkeys(key(r.title) for p in self.people.values() for r in p.roles))
        self.fuzzy_buckets: dict[str, list[str]] = {}  # FuzzyNames' candidate names by first letter
        for k, entries in self.index.items():
            if len(k) >= 4 and any(e.kind in ("person", "org") or e.how == "name" for e in entries):
                self.fuzzy_buckets.setdefault(k[0], []).append(k)

    def _keep_naming_titles(self) -> None:
        """A title anchors itself ("the Kremlin spokesman", "the Taoiseach") only when one of its words
        belongs to one state's or body's titles alone. "The prosecutor general" is made of words every
        state's offices use; that the tables list only Russia's holder is an accident of coverage."""
        word_anchors: dict[str, set[str]] = defaultdict(set)
        for title, anchors in self.title_anchors.items():
            for word in title.split():
                word_anchors[word] |= anchors
        for title in [t for t, anchors in self.title_anchors.items() if len(anchors) == 1]:
            if all(len(word_anchors[w]) > 1 for w in title.split()):
                del self.title_anchors[title]

    def _check(self, data: RawData) -> None:
        def fail(kind: str, ident: str, message: str) -> None:
            where = data.origins.get((kind, ident), f"{kind} {ident}")
            raise DataFileError(f"{where}: {message}", hint="add the missing state or organization, or fix the code")

        for o in self.organizations.values():
            for m in o.members:
                if m.country not in self.states and m.country not in self.organizations:
                    fail("organizations", o.code, f"member {m.country!r} is not a known state")
            for ref in (o.country, o.leader):
                if ref and ref not in self.states:
                    fail("organizations", o.code, f"{ref!r} is not a known state")
        for term, code in data.affiliations.items():
            if code not in self.states and code not in self.organizations:
                raise DataFileError(f"affiliation {term!r}: {code!r} is not a known state or organization",
                                    input=", ".join(data.files) or "actors data")
        for p in self.people.values():
            for r in p.roles:
                if r.country and r.country not in self.states:
                    fail("people", p.id, f"role {r.title!r}: country {r.country!r} is not a known state")
                if r.org and r.org not in self.organizations:
                    fail("people", p.id, f"role {r.title!r}: organization {r.org!r} is not known")

    # --- queries ---------------------------------------------------------------------------

    def lookup(self, text: str) -> list[Entry]:
        return self.index.get(key(text), [])

    def members(self, code: str, date: dt.date | None = None) -> list[str]:
        """ISO3 codes of the organization's members on ``date`` (today's members when None)."""
        org = self.organization(code)
        date = date or dt.date.today()
        return sorted({m.country for m in org.members if m.active(date)})

    def organization(self, code: str) -> Organization:
        org = self.organizations.get(code) or self.organizations.get(code.upper())
        if org is None:
            hits = [e.key for e in self.lookup(code) if e.kind == "org"]
            if not hits:
                raise NotFound(f"no organization {code!r}", input=code, hint="try `allegiance actors show NAME`")
            org = self.organizations[hits[0]]
        return org

    def holders(self, anchor: str, date: dt.date | None, *, kind: str | None = None,
                title: str | None = None) -> list[tuple[Person, Role]]:
        """Who holds the role in a state or organization on ``date``, the latest to take office first."""
        bucket = self._holders.get((anchor, kind if kind else "title:" + key(title or "")), [])
        active = [(p, r) for p, r in bucket if r.active(date)]
        return sorted(active, key=lambda pr: pr[1].start or dt.date.min, reverse=True)

    def has_title(self, anchor: str, title: str) -> bool:
        """Whether anyone, at any time, held an office so titled in the state or organization."""
        return bool(self._holders.get((anchor, "title:" + key(title))))

    def former_holders(self, anchor: str, date: dt.date | None, *, kind: str | None = None,
                       title: str | None = None) -> list[tuple[Person, Role]]:
        """Who held the role before ``date`` and no longer does, the latest to leave first."""
        bucket = self._holders.get((anchor, kind if kind else "title:" + key(title or "")), [])
        past = [(p, r) for p, r in bucket if r.end is not None and (date is None or r.end < date)
                and not any(x.active(date) and (x.org or x.country) == anchor and x.kind == r.kind for x in p.roles)]
        return sorted(past, key=lambda pr: pr[1].end or dt.date.min, reverse=True)

    def role_on(self, person: Person, date: dt.date | None) -> tuple[Role | None, bool]:
        """The role that best describes a person on ``date`` and whether it is a past one (ELI)."""
        active = [r for r in person.roles if r.active(date)]
        if active:
            return min(active, key=lambda r: KIND_RANK.get(r.kind, 99)), False
        past = [r for r in person.roles if r.end is not None and (date is None or r.end < date)]
        if past:
            return max(past, key=lambda r: (r.end, -KIND_RANK.get(r.kind, 99))), True
        return None, False

    def stats(self) -> dict[str, int]:
        return {"states": len(self.states), "organizations": len(self.organizations), "people": len(self.people),
                "name_variants": len(self.index), "agents": len(self.agents)}

    @classmethod
    def from_files(cls, paths: list[Path]) -> "KnowledgeBase":
        data = RawData()
        for root in paths:
            for path in yaml_files(root):
                read_file(path, data)
        return cls(data)

    @classmethod
    def from_petrarch(cls, actors_path: str | Path, agents_path: str | Path) -> "KnowledgeBase":
        """A knowledge base built from PETRARCH-format actor and agent dictionaries.

        An actor's PETRARCH code comes out as ``country + sector`` of the resolved Actor.
        """
        from allegiance.actors.petrarch import read_petrarch

        data, coded = read_petrarch(Path(actors_path), Path(agents_path))
        return cls(data, coded)


def packaged_dir() -> Path:
    return Path(str(resources.files("allegiance").joinpath("data/actors")))


def _overlay_setting() -> str:
    from allegiance.config import load_settings

    return load_settings().actors_overlay


def load_kb(overlay: str | Path | None = None) -> KnowledgeBase:
    """The packaged knowledge base merged with ``overlay`` (default: the ``actors_overlay`` setting)."""
    chosen = str(overlay) if overlay is not None else _overlay_setting()
    return _load_cached(chosen)


@functools.lru_cache(maxsize=4)
def _load_cached(overlay: str) -> KnowledgeBase:
    from allegiance.actors.cache import cached

    roots = [packaged_dir()]
    if overlay:
        roots.append(Path(overlay).expanduser())
    files = [path for root in roots for path in yaml_files(root)]
    return cached(files, lambda: KnowledgeBase.from_files(roots), KnowledgeBase)


__all__ = ["KnowledgeBase", "load_kb", "normalise", "packaged_dir", "plural"]
