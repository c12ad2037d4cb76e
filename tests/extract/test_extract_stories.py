"""Extraction on articles about other diplomacy stories, written and annotated by the guide.

`dev/` articles were used while building the rules; `test/` articles were held out; `fresh/` and
`holdout/` are only scored; `fresh2/` and `fresh3/` were scored unseen once, then built on. Each must meet its
thresholds, and the README reports the figures. `holdout/` and `fresh4/` were annotated blind (gold committed
before the extractor first ran on them): never tune on them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import iter_documents
from diplograph.extract.evaluation import Report, evaluate, load_jsonl
from diplograph.extract.records import Document

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
SPLITS = ("dev", "test", "fresh", "holdout", "fresh2", "fresh3", "fresh4")
# Regression floors about 0.03 under main's figures after the session-9 merges (README "Evaluating extraction"),
# attr / topic / stance / kind: dev 0.984 / 0.853 / 0.941 / 0.968; test 0.934 / 0.806 / 0.815 / 0.969;
# fresh 1.000 / 0.786 / 0.913 / 0.913; fresh2 0.973 / 0.727 / 0.889 / 0.901; fresh3 0.967 / 0.633 / 0.767 / 0.913;
# fresh4 0.916 / 0.629 / 0.696 / 0.945; holdout 0.916 / 0.608 / 0.779 / 0.955. `holdout` and `fresh4` are
# annotated blind and never tuned on: their floors say how far below the others they are.
THRESHOLDS = {
    "dev": {"attr_f1": 0.95, "topic_f1": 0.82, "stance_acc": 0.91, "kind_acc": 0.94},
    "test": {"attr_f1": 0.90, "topic_f1": 0.77, "stance_acc": 0.78, "kind_acc": 0.94},
    "fresh": {"attr_f1": 0.97, "topic_f1": 0.75, "stance_acc": 0.88, "kind_acc": 0.88},
    "fresh2": {"attr_f1": 0.94, "topic_f1": 0.69, "stance_acc": 0.85, "kind_acc": 0.87},
    # fresh3 (session 7): unseen figures 0.806 / 0.370 / 0.519 / 0.895 when its gold was committed; built on for
    # attribution in session 7, for topics and stance in session 8.
    "fresh3": {"attr_f1": 0.93, "topic_f1": 0.60, "stance_acc": 0.73, "kind_acc": 0.88},
    # fresh4 (session 8): unseen figures 0.818 / 0.494 / 0.583 / 0.940 when its gold was committed.
    "fresh4": {"attr_f1": 0.88, "topic_f1": 0.59, "stance_acc": 0.66, "kind_acc": 0.91},
    "holdout": {"attr_f1": 0.88, "topic_f1": 0.57, "stance_acc": 0.74, "kind_acc": 0.92},
}
OWN_ARTICLES = STORIES.parent / "articles"
# The floors above were set on the first pool, before `fresh`; `holdout` stays out of both pools, read on its own.
POOLS = {"built": ("dev", "test"), "all": ("dev", "test", "fresh")}
POOL_FLOORS = {"built": (0.85, 0.80), "all": (0.86, 0.79)}  # (stance, topic): built 0.888, 0.831; all 0.892, 0.825


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
@pytest.mark.parametrize("score", sorted(THRESHOLDS["dev"]))
def test_scores_meet_thresholds(split: str, score: str, reports: dict[str, Report]) -> None:
    report = reports[split]
    assert report.scores[score] >= THRESHOLDS[split][score], {k: round(v, 3) for k, v in report.scores.items()}


@pytest.fixture(scope="module")
def older_articles(extractor) -> Report:
    docs = [d for d in iter_documents(sorted(OWN_ARTICLES.glob("*.txt"))) if isinstance(d, Document)]
    predicted = [s.to_json() for d in docs for s in extractor.extract(d).statements]
    return evaluate(load_jsonl(OWN_ARTICLES / "gold.jsonl"), predicted, load_jsonl(OWN_ARTICLES / "actors.jsonl"))


def _pool(name: str, older_articles: Report, reports: dict[str, Report]) -> list[Report]:
    """The older own articles with the story splits of pool `name`."""
    return [older_articles, *(reports[split] for split in POOLS[name])]


@pytest.mark.parametrize("name", sorted(POOLS))
def test_topics_on_all_own_articles_together(name: str, older_articles: Report, reports: dict[str, Report]) -> None:
    """Topic F1 over the matched statements of own articles pooled, as the evaluation counts it per
    set (gold and predicted keys other than `other`)."""
    hits = predicted = gold = 0
    for report in _pool(name, older_articles, reports):
        for _, g, p in report.matches:
            want, got = set(g["topics"]) - {"other"}, set(p["topics"]) - {"other"}
            hits, predicted, gold = hits + len(want & got), predicted + len(got), gold + len(want)
    assert gold > 250 and 2 * hits / (predicted + gold) >= POOL_FLOORS[name][1], (hits, predicted, gold)


@pytest.mark.parametrize("name", sorted(POOLS))
def test_stance_on_all_own_articles_together(name: str, older_articles: Report, reports: dict[str, Report]) -> None:
    """Own articles pooled: statements with the speaker right and the gold stance, over all statements
    with the speaker right."""
    right = attributed = 0
    for report in _pool(name, older_articles, reports):
        wrong = {id(p) for _, p in report.wrong_speaker}
        scored = [(g, p) for _, g, p in report.matches if id(p) not in wrong]
        attributed += len(scored)
        right += sum(1 for g, p in scored if p["stance"] == g["stance"])
    assert attributed > 250 and right / attributed >= POOL_FLOORS[name][0], (right, attributed)
