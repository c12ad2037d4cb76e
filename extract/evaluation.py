"""Score extracted statements against a gold set, with the matching rule of shared/eval/score.py.

A prediction matches a gold statement of the same document when the token F1 of their texts is at
least 0.5, pairing one-to-one from the best pair down; "attributed" also needs the speaker right,
speakers being compared through the gold actors' alias lists.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MATCH_F1 = 0.5
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace("’", "'").lower()


def words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def token_f1(predicted: str, gold: str) -> float:
    """Harmonic mean of word precision and recall between two texts (multiset overlap)."""
    a, b = words(predicted), words(gold)
    if not a or not b:
        return 0.0
    overlap = sum((Counter(a) & Counter(b)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(a), overlap / len(b)
    return 2 * precision * recall / (precision + recall)


def _name_key(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", _fold(name).strip())


@dataclass
class Report:
    """The scores of one evaluation, and what went wrong, statement by statement."""

    scores: dict[str, float] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    wrong_speaker: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    matches: list[tuple[float, dict[str, Any], dict[str, Any]]] = field(default_factory=list)


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], actors: list[dict[str, Any]]) -> Report:
    """Compare predictions with gold statements; the same rule as the shared scorer."""
    canon: dict[str, str] = {}
    for actor in actors:
        for name in (actor["name"], *actor.get("aliases", [])):
            canon.setdefault(_name_key(name), actor["name"])
        if actor.get("wikidata"):
            canon[actor["wikidata"].lower()] = actor["name"]

    def same_speaker(prediction: dict[str, Any], gold_speaker: str) -> bool:
        """A Wikidata id with the prediction settles identity where the gold actor has one (as score.py)."""
        expected = canon.get(_name_key(gold_speaker), _name_key(gold_speaker))
        qid = str(prediction.get("speaker_wikidata") or "").strip().lower()
        if qid and qid in canon:
            return canon[qid] == expected
        name = prediction.get("speaker", "")
        return canon.get(_name_key(name), _name_key(name)) == expected

    docs = {g["doc"] for g in gold}
    preds = [dict(p, doc=Path(p.get("doc", "")).name) for p in predicted]
    preds = [p for p in preds if p["doc"] in docs]
    pairs = sorted(((token_f1(p.get("text", ""), g["text"]), gi, pi)
                    for gi, g in enumerate(gold) for pi, p in enumerate(preds) if p["doc"] == g["doc"]),
                   reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    report = Report()
    for f1, gi, pi in pairs:
        if f1 >= MATCH_F1 and gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            report.matches.append((f1, gold[gi], preds[pi]))
    attributed = [(f, g, p) for f, g, p in report.matches if same_speaker(p, g["speaker"])]
    s = report.scores
    s["span_p"], s["span_r"], s["span_f1"] = _prf(len(report.matches), len(preds), len(gold))
    s["attr_p"], s["attr_r"], s["attr_f1"] = _prf(len(attributed), len(preds), len(gold))
    s["content_token_f1"] = sum(f for f, _, _ in report.matches) / len(report.matches) if report.matches else 0.0
    for kind in ("direct", "reported"):
        total = sum(1 for g in gold if g["kind"] == kind)
        s[f"recall_{kind}"] = sum(1 for _, g, _ in attributed if g["kind"] == kind) / total if total else 0.0
    hit = npred = ngold = 0
    for _, g, p in report.matches:
        gold_topics = {t for t in g["topics"] if t != "other"}
        pred_topics = {_fold(t) for t in p.get("topics", []) if _fold(t) != "other"}
        hit, npred, ngold = hit + len(gold_topics & pred_topics), npred + len(pred_topics), ngold + len(gold_topics)
    s["topic_p"], s["topic_r"], s["topic_f1"] = _prf(hit, npred, ngold)
    s["stance_acc"] = (sum(1 for _, g, p in attributed if _fold(p.get("stance", "")) == g["stance"]) / len(attributed)
                       if attributed else 0.0)
    s["kind_acc"] = (sum(1 for _, g, p in report.matches if _fold(p.get("kind", "")) == g["kind"]) / len(report.matches)
                     if report.matches else 0.0)
    report.missed = [g for i, g in enumerate(gold) if i not in used_gold]
    report.wrong_speaker = [(g, p) for f, g, p in report.matches if (f, g, p) not in attributed]
    report.spurious = [p for i, p in enumerate(preds) if i not in used_pred]
    return report
