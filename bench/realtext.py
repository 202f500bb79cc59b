"""Accuracy on real reporting: ``extract`` and ``replay`` scored on ``../shared/devset``.

Run from the repository root::

    .venv/bin/python bench/realtext.py                 # the dev part (tuning) and the blind part
    .venv/bin/python bench/realtext.py --part dev -v   # list every error of the dev part
    .venv/bin/python bench/realtext.py --part blind    # the blind part only (score it at the end)
    .venv/bin/python bench/realtext.py --json out.json

The dev set (511 annotated sentences and 5 dated story streams, paraphrases of real Indonesian
and English reporting) lives outside the repository and is read at run time; nothing of its text
is copied here. A quarter of it is kept **blind**, by story, not by line: every article (source
URL) is assigned to one story by the keyword rules in :data:`STORY_RULES`, and the stories in
:data:`BLIND_STORIES` (Gaza/Israel, protests and arrests, displacement: 127 of 511 lines, and the
Gaza stream) are scored only at the end, never tuned on.

What is scored (the rules are the dev set's own, see its README):

* **figures** — a predicted figure matches an annotated one when value and value_max agree;
  precision, recall, F1;
* **concept** — of matched figures, our concept key agrees with the annotated ``what`` phrase
  (mapped by :func:`expected_concepts`, written for this scorer, independent of our lexicon);
* **claimant** — of matched figures, our ``claimed_by`` names the same party as the annotation
  (loosely: same organisation or person, any wording; ``X, via Y`` → X; ``null`` must be null);
* **statements** — annotated denials, non-denials and confirmations found with kind and speaker;
* **streams** — each story replayed through extract + track on a fresh database: alert recall
  and precision (``revised`` and ``conflict`` count as ``changed``), repeats that alerted,
  ``changed`` alerts naming the right previous value;
* **stance chains** — the statement lines of one side on one matter, replayed in story order:
  first statements and stance changes raised.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEVSET = ROOT.parent / "shared" / "devset"
NOW = datetime(2026, 1, 1, tzinfo=UTC)

# Story of an article (all its lines together, with its URL): first rule that matches.
STORY_RULES: tuple[tuple[str, str], ...] = (
    ("nk_russia", r"korea utara|north korea|korut|pyongyang|dprk|kim jong"),
    ("myanmar_quake", r"myanmar|mandalay|naypyidaw|sagaing|min aung hlaing|bangkok"),
    ("turkey_syria_quake", r"t[uü]rki|turkey|syria|suriah|afad|kahramanmara|hatay|white helmets|"
                           r"erdogan|oktay|gaziantep|antakya|aleppo|allepo"),
    ("gaza_israel", r"gaza|hamas|israel|palestin|\bidf\b|deif|netanyahu|hizbullah|hezbollah|"
                    r"nasrallah|west bank|tepi barat"),
    ("russia_ukraine", r"ukrain|russia|rusia|kremlin|putin|peskov|shoigu|bakhmut|wagner|"
                       r"prigozhin|moskva|zelensk|kyiv|kiev|soviet"),
    ("displacement", r"sudan|rohingya|unhcr|\biom\b"),
    ("protest", r"unjuk rasa|demonstran|demonstrasi|kerusuhan|protest|belarus|minsk|"
                r"ditangkap|arrested|detained"),
    ("id_disaster", r"banjir|longsor|lahar|marapi|gempa|erupsi|lewotobi|bnpb|bpbd|basarnas|"
                    r"kanjuruhan|khoziny|ponpes|dbd|dengue|landslide|tsunami|flood|earthquake|"
                    r"quake"),
    ("election", r"\bkpu\b|pemilu|election|\bvotes?\b|pilpres|bawaslu"),
)
BLIND_STORIES = frozenset({"gaza_israel", "protest", "displacement"})
BLIND_STREAM_WORDS = re.compile(r"gaza", re.I)

# Stance chains: the statement lines of one side on one matter, in story order (dev set ids;
# the order follows the stories as the dev set's README tells them).
STANCE_CHAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("moskva_en", ("dev-en-191", "dev-en-185", "dev-en-188", "dev-en-193")),
    ("moskva_id", ("dev-id-212", "dev-id-211")),
    ("moskva_crew_id", ("dev-id-216", "dev-id-215")),
    ("prigozhin_id", ("dev-id-221", "dev-id-222", "dev-id-225")),
    ("trump_call_id", ("dev-id-124", "dev-id-125", "dev-id-126", "dev-id-127")),
    ("dnc_en", ("dev-en-078", "dev-en-079", "dev-en-081")),
    ("drone_en", ("dev-en-075", "dev-en-076")),
    ("bakhmut_en", ("dev-en-196", "dev-en-197")),
    ("deif_en", ("dev-en-120", "dev-en-124", "dev-en-128", "dev-en-126")),
    ("gaza_toll_id", ("dev-id-157", "dev-id-158")),
)


# --------------------------------------------------------------------------------- loading


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def story_of(texts: Iterable[str], url: str) -> str:
    hay = (" ".join(texts) + " " + url).lower()
    for name, rx in STORY_RULES:
        if re.search(rx, hay):
            return name
    return "other"


@dataclass
class DevSet:
    sentences: list[dict[str, Any]]
    streams: list[dict[str, Any]]
    categories: dict[str, set[str]]
    stories: dict[str, str]  # sentence id -> story

    def part(self, which: str) -> DevSet:
        def keep(blind: bool) -> bool:
            return which == "all" or (which == "blind") == blind

        sents = [s for s in self.sentences if keep(self.stories[s["id"]] in BLIND_STORIES)]
        streams = [s for s in self.streams if keep(bool(BLIND_STREAM_WORDS.search(s["story"])))]
        return DevSet(sents, streams, self.categories, self.stories)


def load_devset(root: Path = DEVSET) -> DevSet:
    sentences = _jsonl(root / "sentences.jsonl")
    streams = _jsonl(root / "streams.jsonl")
    cats: dict[str, set[str]] = {}
    for line in (root / "categories.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        sid, _, rest = line.partition("\t")
        cats[sid] = {c for c in rest.split(",") if c}
    by_url: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in sentences:
        by_url[s["source"]].append(s)
    stories = {}
    for url, lines in by_url.items():
        st = story_of((s["text"] for s in lines), urlparse(url).path + " " + urlparse(url).netloc)
        for s in lines:
            stories[s["id"]] = st
    return DevSet(sentences, streams, cats, stories)


# --------------------------------------------------------------------------------- matching


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("’", "'").replace("'s ", " ")
    return re.sub(r"[^\w\s]", " ", s)


_STOP = frozenset(
    """the a an of s and dan its his her their via di de la pihak para sang""".split()
)
# Folded aliases: the same party under several wordings (written for this scorer). Countries and
# organisations are kept apart: an organisation is more specific ("Russia's defence ministry" is
# not "Russia"), and two organisations of one kind are the same only for the same country.
_COUNTRIES: tuple[tuple[str, ...], ...] = (
    ("united states", "us", "u s", "as", "amerika serikat", "washington", "american", "amerika"),
    ("russia", "rusia", "russian", "moscow", "moskow", "kremlin"),
    ("ukraine", "ukraina", "ukrainian", "kyiv", "kiev"),
    ("north korea", "korea utara", "korut", "north korean", "pyongyang", "dprk"),
    ("south korea", "korea selatan", "korsel", "south korean", "seoul"),
    ("israel", "israeli", "tel aviv", "idf", "israel defense forces", "israeli military",
     "israeli army", "militer israel"),
    ("turkey", "turki", "turkiye", "türkiye", "turkish"),
    ("syria", "suriah", "syrian"),
    ("myanmar", "burma", "burmese"),
    ("palestine", "palestina", "palestinian", "gaza"),
    ("indonesia", "indonesian", "ri", "republik indonesia"),
    ("sri lanka", "sri lankan"),
)
_ORGS: tuple[tuple[str, ...], ...] = (
    ("health ministry", "ministry of health", "kementerian kesehatan", "kemenkes"),
    ("foreign ministry", "ministry of foreign affairs", "kementerian luar negeri", "kemlu", "kemenlu"),
    ("afad", "disaster and emergency management"),
    ("nis", "national intelligence service", "badan intelijen nasional"),
    ("polri", "mabes polri", "kepolisian republik indonesia"),
    ("ministry of defence", "ministry of defense", "defence ministry", "defense ministry",
     "kementerian pertahanan", "kemenhan", "mod"),
    ("general staff", "staf umum"),
    ("united nations", "un", "pbb", "perserikatan bangsa bangsa", "perserikatan bangsa-bangsa"),
    ("hezbollah", "hizbullah", "hizbollah", "hisbullah"),
)


def _tokens(s: str | None) -> set[str]:
    return {t for t in _fold(s).split() if t not in _STOP}


def _alias_keys(s: str) -> tuple[set[int], set[int]]:
    """(organisations, countries) a wording names."""
    f = " " + " ".join(_fold(s).split()) + " "
    return ({i for i, group in enumerate(_ORGS) for a in group if f" {_fold(a)} " in f},
            {i for i, group in enumerate(_COUNTRIES) for a in group if f" {_fold(a)} " in f})


def _same_alias(ours: tuple[set[int], set[int]], theirs: tuple[set[int], set[int]]) -> bool:
    (o_orgs, o_countries), (t_orgs, t_countries) = ours, theirs
    if o_orgs or t_orgs:
        return o_orgs == t_orgs and (not o_countries or not t_countries or bool(o_countries & t_countries))
    return bool(o_countries) and o_countries == t_countries


def _near(a: str, b: str) -> bool:
    """Same word up to one letter ("Zelensky"/"Zelenskyy", "Younes"/"Yunus" is not)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _parties(expected: str) -> list[str]:
    """The wordings an annotated party may go by: 'X (Y), via Z' -> X (Y), X, Y."""
    main = re.split(r",?\s*\(?\b(?:via|as relayed by)\b", expected, maxsplit=1)[0]
    main = re.sub(r"\((?:\"[^\"]*\"|'[^']*'|next sentence|previous sentence|[^)]*sentence[^)]*)\)", "", main)
    out = [main.strip(" ,")]
    inner = re.findall(r"\(([^)]*)\)", main)
    outer = re.sub(r"\([^)]*\)", "", main).strip(" ,")
    if outer:
        out.append(outer)
    out += [i for i in inner if i.strip()]
    # "X and Y", "X dan Y": each alone too (several claimants)
    for p in list(out):
        if re.search(r"\b(?:and|dan)\b", p):
            out += [q.strip() for q in re.split(r"\b(?:and|dan)\b|,", p) if q.strip()]
    return [p for p in out if p]


def relays_of(expected: str | None) -> list[str]:
    if not expected:
        return []
    return [r.strip(" ,()") for r in re.findall(r"(?:via|as relayed by)\s+([^,()]+)", expected)]


def same_party(ours: str | None, expected: str | None) -> bool:
    """Loose party match: same organisation or person, any wording."""
    if not expected or not ours:
        return not expected and not ours
    ours_t = _tokens(ours)
    ours_a = _alias_keys(ours)
    for cand in _parties(expected):
        ct = _tokens(cand)
        if not ct or not ours_t:
            continue
        if ct <= ours_t or ours_t <= ct:
            return True
        if _same_alias(ours_a, _alias_keys(cand)):
            return True
        # acronyms: "BNPB" vs "Badan Nasional Penanggulangan Bencana (BNPB)"
        acr = {t for t in ct if len(t) >= 3} & {t for t in ours_t if len(t) >= 3}
        if acr and (len(ours_t) == 1 or len(ct) == 1):
            return True
        # a person: surname in common ("Dmitry Peskov" vs "Peskov", "Zelensky" vs "Zelenskyy")
        last_o, last_c = _fold(ours).split()[-1:], _fold(cand).split()[-1:]
        if last_o and last_c and len(last_o[0]) > 3 and _near(last_o[0], last_c[0]) and ours[:1].isupper():
            return True
    return False


# expected 'what' phrase -> the concept keys that count as right (written for this scorer)
_CONCEPT_RULES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (rx, frozenset(keys.split()))
    for rx, keys in (
        # what is counted comes first when it is a thing ("provinces affected", "cars lost")
        (r"provinces", "provinces"),
        (r"nations", "countries"),
        (r"armou?red vehicles|combat armored", "armored_vehicles vehicles tanks"),
        (r"\bcars\b|vehicles", "vehicles"),
        (r"tanks", "tanks armored_vehicles"),
        (r"drones", "drones"),
        (r"missiles", "missiles rockets"),
        (r"buildings|houses|neighborhoods|shelters hit", "buildings_damaged houses_damaged buildings houses shelters"),
        (r"aftershocks", "aftershocks earthquakes"),
        (r"tents", "tents"),
        (r"boats", "boats ships"),
        (r"aircraft", "aircraft"),
        (r"^hospitals", "hospitals"),  # "hospitals out of service"; "bodies received by hospitals" counts bodies
        (r"killed or wounded|killed and wounded|casualt|\blost\b|killed or apprehended|"
         r"dead or missing|killed and missing|eliminated", "casualties"),
        (r"bodies|body\b|\bdead identified|victims identified|deaths not yet identified",
         "bodies killed"),
        (r"\bdeaths?\b|killed|\bdead\b|died|fatalit|death toll", "killed bodies"),
        (r"injured|wounded|hurt", "injured wounded"),
        (r"missing|unknown status|still buried|buried", "missing"),
        (r"arrested|detained|detention|apprehended|captured", "arrested detained prisoners"),
        (r"refugees|asylum", "refugees displaced asylum_seekers"),
        (r"displaced|homeless", "displaced refugees"),
        (r"evacuated", "evacuated"),
        (r"rescued|pulled alive|landed safely|found\b", "rescued survivors"),
        (r"affected|in need", "affected"),
        (r"cases", "cases infections"),
        (r"votes|voters|voted", "votes voters"),
        (r"hostages", "hostages"),
        (r"crew", "crew"),
        (r"suspects", "suspects"),
        (r"rescue personnel|rescuers|rescue workers", "rescuers"),
        (r"troops|soldiers|servicemen|servicepeople|military personnel", "troops"),
        (r"generals", "generals"),
        (r"officers", "officers police_officers"),
        (r"protest actions", "protests attacks"),
        (r"protest participants|protesters|demonstrators", "protesters"),
    )
)


def expected_concepts(what: str | None) -> frozenset[str] | None:
    """The concept keys that read an annotated ``what`` right; None when none applies."""
    w = (what or "").lower()
    head = re.sub(r"\s*\(.*?\)", "", w)
    for rx, keys in _CONCEPT_RULES:
        if re.search(rx, head):
            return keys
    return None


def concept_ok(ours: str | None, noun: str | None, expected: str | None) -> bool:
    keys = expected_concepts(expected)
    if keys is not None:
        return ours in keys
    # no rule: the counted noun we read appears in the annotation's head
    head = re.sub(r"\s*\(.*?\)", "", (expected or "").lower())
    return bool(noun) and any(t in _fold(head).split() for t in _fold(noun).split())


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


# --------------------------------------------------------------------------------- sentences


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    concept: int = 0
    claimant: int = 0
    relay_total: int = 0
    relay_ok: int = 0
    st_exp: int = 0
    st_found: int = 0
    st_kind_only: int = 0
    st_spurious: int = 0

    def add(self, o: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(o, k))

    def metrics(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {
            "figures_expected": self.tp + self.fn,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "concept": self.concept / self.tp if self.tp else 1.0,
            "claimant": self.claimant / self.tp if self.tp else 1.0,
            "relay": self.relay_ok / self.relay_total if self.relay_total else 1.0,
            "statements_expected": self.st_exp,
            "statements_found": self.st_found / self.st_exp if self.st_exp else 1.0,
            "statements_spurious": self.st_spurious,
        }


@dataclass
class SentenceReport:
    total: Tally = field(default_factory=Tally)
    by_lang: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_cat: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[str] = field(default_factory=list)


def score_sentences(extractor: Any, sentences: list[dict[str, Any]], cats: dict[str, set[str]]) -> SentenceReport:
    rep = SentenceReport()
    for case in sentences:
        t = Tally()
        sid = case["id"]
        res = extractor.extract(case["text"], lang=case["lang"])
        preds = list(res.figures)
        for exp in case["figures"]:
            same = [f for f in preds if _close(f.value, exp["value"]) and _close(f.value_max, exp["value_max"])]
            if not same:
                t.fn += 1
                rep.errors.append(f"{sid}: missed {exp['value']}{'-' + str(exp['value_max']) if exp['value_max'] else ''} {exp['what']!r}")
                continue
            hit = next((f for f in same if concept_ok(f.what, f.noun, exp["what"])), same[0])
            preds.remove(hit)
            t.tp += 1
            if concept_ok(hit.what, hit.noun, exp["what"]):
                t.concept += 1
            else:
                rep.errors.append(f"{sid}: {exp['value']} concept {hit.what!r} ({hit.noun!r}), expected {exp['what']!r}")
            if same_party(hit.claimed_by, exp["claimed_by"]):
                t.claimant += 1
            else:
                rep.errors.append(f"{sid}: {exp['value']} claimant {hit.claimed_by!r}, expected {exp['claimed_by']!r}")
            relays = relays_of(exp["claimed_by"])
            if relays:
                t.relay_total += 1
                ours = tuple(getattr(hit, "relayed_by", ()) or ())
                if any(same_party(o, r) for o in ours for r in relays):
                    t.relay_ok += 1
                else:
                    rep.errors.append(f"{sid}: {exp['value']} relay {ours!r}, expected {relays!r}")
        for f in preds:
            t.fp += 1
            rep.errors.append(f"{sid}: spurious {f.value:g}{f'-{f.value_max:g}' if f.value_max else ''} {f.what} ({f.noun!r})")
        st = case.get("statement")
        ours_st = list(res.statements)
        if st and st["kind"] in ("denial", "non_denial", "confirmation"):
            t.st_exp += 1
            hit_s = next((s for s in ours_st if str(s.stance) == st["kind"] and same_party(s.speaker, st["speaker"])), None)
            if hit_s is not None:
                t.st_found += 1
                ours_st.remove(hit_s)
            else:
                kind_only = next((s for s in ours_st if str(s.stance) == st["kind"]), None)
                if kind_only is not None:
                    t.st_kind_only += 1
                    ours_st.remove(kind_only)
                got = [(s.speaker, str(s.stance)) for s in res.statements]
                rep.errors.append(f"{sid}: statement {st['kind']} by {st['speaker']!r} not found; got {got}")
        for s in ours_st:
            if str(s.stance) in ("denial", "non_denial", "confirmation"):
                t.st_spurious += 1
                rep.errors.append(f"{sid}: spurious statement {s.speaker!r} {s.stance}")
        rep.total.add(t)
        rep.by_lang[case["lang"]].add(t)
        for c in cats.get(sid, ()) or {"-"}:
            rep.by_cat[c].add(t)
    return rep


# --------------------------------------------------------------------------------- streams


@dataclass
class StreamTally:
    expected_alerts: int = 0
    found_alerts: int = 0
    our_alerts: int = 0
    right_alerts: int = 0
    repeats: int = 0
    repeats_alerted: int = 0
    changed: int = 0
    previous_right: int = 0
    errors: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int]:
        return {
            "alert_recall": self.found_alerts / self.expected_alerts if self.expected_alerts else 1.0,
            "alert_precision": self.right_alerts / self.our_alerts if self.our_alerts else 1.0,
            "expected_alerts": self.expected_alerts, "our_alerts": self.our_alerts,
            "repeats": self.repeats, "repeats_alerted": self.repeats_alerted,
            "changed": self.changed, "previous_right": self.previous_right,
        }


def _replay(lines: list[str], topics: list[Any] | None = None) -> list[Any]:
    from claimwatch.extract import Extractor
    from claimwatch.replay import replay
    from claimwatch.store import open_store
    from claimwatch.tracker import Tracker

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        return list(replay(lines, Extractor(), Tracker(store), topics or [], now=NOW))


def _item_line(item: dict[str, Any], i: int, lang: str) -> str:
    return json.dumps({"published": item["date"] + "T12:00:00+00:00", "url": f"{item['source']}#{i}",
                       "source": urlparse(item["source"]).netloc, "text": item["text"], "lang": lang})


def score_streams(streams: list[dict[str, Any]]) -> StreamTally:
    st = StreamTally()
    for si, stream in enumerate(streams):
        lines = [_item_line(it, i, stream["lang"]) for i, it in enumerate(stream["items"])]
        events = _replay(lines)
        for n, (item, ev) in enumerate(zip(stream["items"], events, strict=True)):
            where = f"stream {si + 1}.{n + 1}"
            if ev.error:
                st.errors.append(f"{where}: {ev.error}")
            alerts = [a for a in ev.alerts if a.value is not None]
            todo = list(alerts)
            st.our_alerts += len(alerts)
            for exp in item["expect"]:
                match = [a for a in todo if _close(a.value, exp["value"]) and _close(a.value_max, exp["value_max"])]
                hit = next((a for a in match if concept_ok(a.what, None, exp["what"])), match[0] if match else None)
                if exp["kind"] == "repeat":
                    st.repeats += 1
                    if hit is not None:
                        st.repeats_alerted += 1
                        todo.remove(hit)
                        st.errors.append(f"{where}: repeat {exp['value']} {exp['what']} alerted as {hit.kind} (previous {hit.previous})")
                    continue
                st.expected_alerts += 1
                if hit is None:
                    st.errors.append(f"{where}: missed {exp['kind']} {exp['value']} {exp['what']} (previous {exp['previous']})")
                    continue
                todo.remove(hit)
                st.found_alerts += 1
                st.right_alerts += 1
                if exp["kind"] == "changed":
                    st.changed += 1
                    if _close(hit.previous, exp["previous"]):
                        st.previous_right += 1
                    else:
                        st.errors.append(f"{where}: {exp['value']} {exp['what']} previous {hit.previous}, expected {exp['previous']}")
            for a in todo:
                st.errors.append(f"{where}: unexpected {a.kind} {a.value:g} {a.what} {a.actor} (previous {a.previous})")
    return st


@dataclass
class StanceTally:
    first: int = 0
    first_found: int = 0
    changes: int = 0
    changes_found: int = 0
    errors: list[str] = field(default_factory=list)


def score_stance_chains(sentences: dict[str, dict[str, Any]], ids: set[str]) -> StanceTally:
    st = StanceTally()
    for name, chain in STANCE_CHAINS:
        if not all(i in ids for i in chain):
            continue
        lines = [json.dumps({"published": f"2024-01-{n + 1:02d}T12:00:00+00:00", "url": f"https://devset.invalid/{sid}",
                             "text": sentences[sid]["text"], "lang": sentences[sid]["lang"]})
                 for n, sid in enumerate(chain)]
        events = _replay(lines)
        last: str | None = None
        for sid, ev in zip(chain, events, strict=True):
            kind = sentences[sid]["statement"]["kind"]
            got = [a for a in ev.alerts if a.stance is not None]
            if last is None:
                st.first += 1
                if any(a.stance == kind for a in got):
                    st.first_found += 1
                else:
                    st.errors.append(f"{name}: first statement {kind} ({sid}) not raised; got {[(a.kind, a.speaker, a.stance) for a in got]}")
            elif kind != last:
                st.changes += 1
                if any(a.kind == "stance_change" and a.stance == kind for a in got):
                    st.changes_found += 1
                else:
                    st.errors.append(f"{name}: stance change {last} -> {kind} ({sid}) not raised; got {[(str(a.kind), a.speaker, a.stance) for a in got]}")
            last = kind
    return st


# --------------------------------------------------------------------------------- report


def _row(name: str, m: dict[str, Any]) -> str:
    return (f"| {name} | {m['figures_expected']} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | "
            f"{m['concept']:.2f} | {m['claimant']:.2f} | {m['statements_found']:.2f} ({m['statements_expected']}) |")


def run(part: str, verbose: bool) -> dict[str, Any]:
    from claimwatch.extract import Extractor

    ds = load_devset().part(part)
    rep = score_sentences(Extractor(), ds.sentences, ds.categories)
    streams = score_streams(ds.streams)
    by_id = {s["id"]: s for s in load_devset().sentences}
    chains = score_stance_chains(by_id, {s["id"] for s in ds.sentences})
    tot = rep.total.metrics()
    sm = streams.metrics()
    print(f"\n## {part}: {len(ds.sentences)} sentences, {len(ds.streams)} streams")
    print("\n| set | figures | P | R | F1 | concept | claimant | statements found |")
    print("|---|---|---|---|---|---|---|---|")
    print(_row("all", tot))
    for lang in sorted(rep.by_lang):
        print(_row(lang, rep.by_lang[lang].metrics()))
    for cat in sorted(rep.by_cat):
        print(_row(f"category {cat}", rep.by_cat[cat].metrics()))
    print(f"\nrelay kept (of figures whose claim is relayed): {tot['relay']:.2f}; "
          f"spurious statements: {tot['statements_spurious']}")
    print("\n| streams | alert recall | alert precision | repeats alerted | previous right | stance changes | first statements |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(ds.streams)} | {sm['alert_recall']:.2f} | {sm['alert_precision']:.2f} | "
          f"{sm['repeats_alerted']} of {sm['repeats']} | "
          f"{(sm['previous_right'] / sm['changed']) if sm['changed'] else 1.0:.2f} ({sm['previous_right']}/{sm['changed']}) | "
          f"{chains.changes_found} of {chains.changes} | {chains.first_found} of {chains.first} |")
    if verbose:
        print("\nerrors:")
        for e in rep.errors + streams.errors + chains.errors:
            print("  " + e)
    return {
        "part": part, "sentences": tot,
        "by_lang": {k: v.metrics() for k, v in rep.by_lang.items()},
        "by_category": {k: v.metrics() for k, v in rep.by_cat.items()},
        "streams": sm,
        "stance": {"changes": chains.changes, "changes_found": chains.changes_found,
                   "first": chains.first, "first_found": chains.first_found},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("dev", "blind", "all", "both"), default="both",
                    help="dev (tuning), blind (score at the end), all, or both (dev then blind)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    ap.add_argument("--json", type=Path, help="write the numbers to this file")
    args = ap.parse_args(argv)
    if not DEVSET.exists():
        print(f"no dev set at {DEVSET}", file=sys.stderr)
        return 2
    parts = ("dev", "blind") if args.part == "both" else (args.part,)
    out = [run(p, args.verbose) for p in parts]
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
