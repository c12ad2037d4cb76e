"""Extraction on articles about other diplomacy stories, written and annotated by the guide.

`dev/` articles were used while building the rules; `test/` articles were held out. Both must meet
the thresholds, and the README reports both figures.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import iter_documents
from diplograph.extract.evaluation import Report, evaluate, load_jsonl
from diplograph.extract.records import Document

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
SPLITS = ("dev", "test")
# Set from the scores measured (dev / held-out test, gold-b): attributed F1 0.96 / 0.89, kind 0.94 / 1.00.
# Topics and stance on these stories are low until the topic scheme covers them (0.37 / 0.50 topic F1,
# 0.58 / 0.52 stance): the thresholds below hold what works, a floor to raise as that work lands.
THRESHOLDS = {"attr_f1": 0.85, "topic_f1": 0.30, "stance_acc": 0.45, "kind_acc": 0.90}


def _gold(folder: Path, prefix: str) -> list[dict]:
    return [row for path in sorted(folder.glob(f"{prefix}-*.jsonl")) for row in load_jsonl(path)]


@pytest.fixture(scope="module")
def reports(extractor) -> dict[str, Report]:
    out = {}
    for split in SPLITS:
        folder = STORIES / split
        docs = [d for d in iter_documents(sorted(folder.glob("*.txt"))) if isinstance(d, Document)]
        predicted = [s.to_json() for d in docs for s in extractor.extract(d).statements]
        out[split] = evaluate(_gold(folder, "gold"), predicted, _gold(folder, "actors"))
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_every_article_has_gold(split: str) -> None:
    folder = STORIES / split
    articles = {p.name for p in folder.glob("*.txt")}
    annotated = {row["doc"] for row in _gold(folder, "gold")}
    assert articles and articles <= annotated, articles - annotated


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("score", sorted(THRESHOLDS))
def test_scores_meet_thresholds(split: str, score: str, reports: dict[str, Report]) -> None:
    report = reports[split]
    missed = [g["text"][:50] for g in report.missed]
    assert report.scores[score] >= THRESHOLDS[score], (report.scores, missed)
