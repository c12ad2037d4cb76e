"""Extraction on articles about other diplomacy stories, written and annotated by the guide.

`dev/` articles were used while building the rules; `test/` articles were held out; `fresh/` and
`holdout/` are only scored; `fresh2/` was scored unseen once, then built on for attribution. Each must meet its thresholds, and the README reports the figures.
`holdout/` was annotated blind (gold committed before the extractor first ran on it): never tune on it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import iter_documents
from diplograph.extract.evaluation import Report, evaluate, load_jsonl
from diplograph.extract.records import Document

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
SPLITS = ("dev", "test", "fresh", "holdout", "fresh2")
# Regression floors a little under what the rules reach (README "Evaluating extraction"): the held-out
# split scores lower than the one the rules were built on, and its floors say so rather than hide it.
THRESHOLDS = {
    "dev": {"attr_f1": 0.90, "topic_f1": 0.79, "stance_acc": 0.70, "kind_acc": 0.92},
    "test": {"attr_f1": 0.82, "topic_f1": 0.80, "stance_acc": 0.55, "kind_acc": 0.92},
}
# After merging the topic and stance work (README "Evaluating extraction"): stance dev 0.85, held-out test 0.65. The held-out split gained two articles
# (Libya, a Mekong Q&A) whose interview answers are not yet attributed, so its attribution floor is lower.
THRESHOLDS["dev"]["stance_acc"] = 0.82
THRESHOLDS["test"]["stance_acc"] = 0.62
THRESHOLDS["test"]["attr_f1"] = 0.80
# After the topic reading rules of x9-topics (courtesies borrow nothing, other speakers' words are not a
# statement's setting) and the interview answers introduced by a pronoun (README "Evaluating extraction").
THRESHOLDS["dev"].update(attr_f1=0.91, topic_f1=0.80)
THRESHOLDS["test"].update(attr_f1=0.85, topic_f1=0.81)
# `fresh/` (Ethiopia–Eritrea, Greenland, Haiti, the Sahel juntas) was written and annotated before the
# stance rules of v2.2 changed and is only ever scored, never tuned on: 0.85 / 0.49 / 0.70 / 0.90 then.
THRESHOLDS["fresh"] = {"attr_f1": 0.83, "topic_f1": 0.47, "stance_acc": 0.67, "kind_acc": 0.88}
THRESHOLDS["dev"]["stance_acc"] = 0.85  # v2.2 (refusals from the parse, appeals, dismissals): dev 0.87, test 0.65
OWN_ARTICLES = STORIES.parent / "articles"
# The issue's target for all own articles together is 0.80; they reached 0.81 on the older articles' old gold,
# 0.784 (268/342) since that gold was re-audited to the guide (tests/data/articles/ANNOTATION_LOG.md).
OWN_STANCE_FLOOR = 0.78
OWN_TOPIC_FLOOR = 0.79  # the target for all own articles together is 0.85 (README "Evaluating extraction")
# x9-audit (headline speech acts, stance rules from the guide): dev stance 0.887, topic 0.82; the older
# articles with dev and test pooled: stance 0.808 (282/349), topic F1 0.809; with `fresh` too: 0.793, 0.772.
THRESHOLDS["dev"].update(stance_acc=0.88, topic_f1=0.81)
OWN_STANCE_FLOOR, OWN_TOPIC_FLOOR = 0.80, 0.80
# `holdout/` (ten articles on eight stories, annotated blind; tests/data/stories/README.md) is a regression
# floor about 0.03 under main's figures when it was added (attr 0.796, topic 0.595, stance 0.577, kind 0.941).
THRESHOLDS["holdout"] = {"attr_f1": 0.76, "topic_f1": 0.56, "stance_acc": 0.54, "kind_acc": 0.91}
# `fresh2/` (eight short articles in outlets' styles, gold committed before the extractor first ran on them):
# attr 0.659 unseen, then the rules of s6-attr were built on its misses (README "Evaluating extraction");
# floors a little under the figures after that round (attr 0.962, topic 0.30, stance 0.62, kind 0.88).
THRESHOLDS["fresh2"] = {"attr_f1": 0.93, "topic_f1": 0.27, "stance_acc": 0.58, "kind_acc": 0.86}
# The floors above were set on the first pool, before `fresh`; `holdout` stays out of both pools, read on its own.
POOLS = {"built": ("dev", "test"), "all": ("dev", "test", "fresh")}
POOL_FLOORS = {"built": (OWN_STANCE_FLOOR, OWN_TOPIC_FLOOR), "all": (0.79, 0.77)}


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
