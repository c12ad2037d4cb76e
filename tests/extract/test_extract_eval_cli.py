"""`diplograph eval` agrees with the shared scorer's rule and reports what it missed."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from diplograph.api.cli import app

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def test_eval_scores_a_prediction_file_exactly(tmp_path) -> None:
    gold = [json.loads(line) for line in (DATA / "seeds_gold.jsonl").read_text().splitlines()]
    predictions = tmp_path / "pred.jsonl"
    half = gold[: len(gold) // 2]
    predictions.write_text("".join(json.dumps(g) + "\n" for g in half))
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "gold.jsonl").write_text((DATA / "seeds_gold.jsonl").read_text())
    (folder / "actors.jsonl").write_text((DATA / "seeds_actors.jsonl").read_text())
    result = CliRunner().invoke(app, ["eval", str(folder), "--predictions", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["attr_p"] == 1.0 and abs(scores["attr_r"] - len(half) / len(gold)) < 1e-9


def test_eval_extracts_and_lists_misses() -> None:
    result = CliRunner().invoke(app, ["eval", str(DATA / "articles"), "--details"])
    assert result.exit_code == 0, result.output
    assert "attribution" in result.output and "stance_acc" in result.output


def test_eval_without_gold_is_a_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no gold file" in result.output
