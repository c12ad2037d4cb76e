"""Extraction judged against hand-checked gold: the seed articles and our own test articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import iter_documents
from diplograph.extract.evaluation import evaluate, load_jsonl, token_f1
from diplograph.extract.records import Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS, DATA = ROOT / "seeds", ROOT / "tests" / "data"

GOLD_SETS = {
    "seeds": (SEEDS, DATA / "seeds_gold.jsonl", DATA / "seeds_actors.jsonl"),
    "articles": (DATA / "articles", DATA / "articles" / "gold.jsonl", DATA / "articles" / "actors.jsonl"),
}
THRESHOLDS = {"seeds": 0.98, "articles": 0.99}  # attributed F1: 0.985 and 0.995 (README "Evaluating extraction")


def _predict(extractor, folder: Path) -> list[dict]:
    docs = [d for d in iter_documents([folder]) if isinstance(d, Document)]
    return [s.to_json() for d in docs for s in extractor.extract(d).statements]


@pytest.fixture(scope="module")
def predictions(extractor) -> dict[str, list[dict]]:
    return {name: _predict(extractor, folder) for name, (folder, _, _) in GOLD_SETS.items()}


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_attributed_f1_meets_threshold(name: str, predictions) -> None:
    _, gold_path, actors_path = GOLD_SETS[name]
    report = evaluate(load_jsonl(gold_path), predictions[name], load_jsonl(actors_path))
    missed = [g["text"][:60] for g in report.missed]
    assert report.scores["attr_f1"] >= THRESHOLDS[name], (report.scores, missed)
    assert report.scores["kind_acc"] >= 0.95


def test_seed_topics_and_stance(predictions) -> None:
    _, gold_path, actors_path = GOLD_SETS["seeds"]
    scores = evaluate(load_jsonl(gold_path), predictions["seeds"], load_jsonl(actors_path)).scores
    assert scores["topic_f1"] >= 0.97  # 0.973
    assert scores["stance_acc"] >= 0.96  # 0.969 (31/32)
    assert scores["content_token_f1"] >= 0.85


def test_own_article_topics(predictions) -> None:
    """Topic F1 on our own articles, a little under what the rules reach (README "Evaluating extraction")."""
    _, gold_path, actors_path = GOLD_SETS["articles"]
    # 0.82 on the old gold; the gold re-audited to the guide (tests/data/articles/ANNOTATION_LOG.md) scores 0.788
    scores = evaluate(load_jsonl(gold_path), predictions["articles"], load_jsonl(actors_path)).scores
    assert scores["topic_f1"] >= 0.785
    assert scores["stance_acc"] >= 0.81  # 0.816 (80/98)


# Gold statements the extractor does not find yet: real misses, kept visible; strict, so a fix turns
# them into failures to remove. (The re-audit's two headline speech acts, "Kyiv Pleads for
# Interceptors" and "Kyiv Presses for Tougher Measures", are found since x9-audit.)
KNOWN_MISSES: set[tuple[str, str, str]] = set()


def _cases() -> list:
    cases = []
    for name, (_, gold_path, _) in GOLD_SETS.items():
        for row in load_jsonl(gold_path):
            known = (name, row["doc"], row["text"]) in KNOWN_MISSES
            marks = [pytest.mark.xfail(strict=True, reason="not found yet")] if known else []
            cases.append(pytest.param(name, row, id=f"{name}:{row['speaker']}:{row['text'][:40]}", marks=marks))
    return cases


@pytest.mark.parametrize(("name", "gold"), _cases())
def test_each_gold_statement_is_found_with_its_speaker(name: str, gold: dict, predictions) -> None:
    _, _, actors_path = GOLD_SETS[name]
    aliases = {a["name"]: {a["name"], *a.get("aliases", [])} for a in load_jsonl(actors_path)}
    same_doc = [p for p in predictions[name] if p["doc"] == gold["doc"]]
    best = max(same_doc, key=lambda p: token_f1(p["text"], gold["text"]), default=None)
    assert best is not None and token_f1(best["text"], gold["text"]) >= 0.5, "statement not found"
    assert best["speaker"] in aliases.get(gold["speaker"], {gold["speaker"]}) or \
        best["speaker"].lower().removeprefix("the ") == gold["speaker"].lower().removeprefix("the ")
    assert best["kind"] == gold["kind"]


def test_offsets_point_at_the_words(seed_extractions) -> None:
    for extraction in seed_extractions.values():
        for statement in extraction.statements:
            span = extraction.document.text[statement.start:statement.end]
            assert token_f1(span, statement.text) > 0.9, statement
            assert statement.start < statement.end
            assert statement.sentence and statement.sentence in extraction.document.text


def test_no_statement_from_page_furniture(seed_extractions) -> None:
    furniture = ("Similar Posts", "Leave a Reply", "email address")
    for extraction in seed_extractions.values():
        for statement in extraction.statements:
            assert not any(f in statement.sentence for f in furniture)
