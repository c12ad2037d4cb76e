"""Every `diplograph` command shown in the README runs, and succeeds, on the seed articles."""
from __future__ import annotations

import glob
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("diplograph ") and not line.startswith("diplograph serve")]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder like a checkout: seeds, the extra files the examples name, and a store already filled."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "tests" / "data" / "stories", work / "tests" / "data" / "stories")
    record = {"id": "extra-1", "title": "Extra", "published": "2025-10-20",
              "text": "Kremlin spokesman Dmitry Peskov said Russia would not accept a ceasefire. "
                      "A senior American official said the talks would resume."}
    (work / "more-articles.jsonl").write_text(json.dumps(record) + "\n")
    (work / "query.rq").write_text("SELECT ?s WHERE { ?s a dg:Statement } LIMIT 2")
    return work


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command(command: str, workdir: Path, monkeypatch) -> None:
    if "../shared" in command and not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("DIPLOGRAPH_STORE", f"oxigraph:{workdir / 'store'}")
    words = shlex.split(command.split(" > ")[0])[1:]
    words = [str(SHARED / w[len("../shared/"):]) if w.startswith("../shared/") else w for w in words]
    args = [match for word in words for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    runner = CliRunner()
    if args[0] != "ingest":
        runner.invoke(app, ["ingest", "seeds"])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, f"{command}\n{result.output}"
