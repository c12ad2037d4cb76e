"""What every benchmark writes: Markdown table rows for bench/REPORT.md and its result files in bench/out/.

One place for the row format and the json / md / png trio each bench/*.py leaves, so the tables in
REPORT.md read alike and a benchmark's last lines are one call.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


def row(*cells: Any) -> str:
    """One Markdown table row: `| a | b |`."""
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def header(*cells: Any) -> list[str]:
    """A Markdown table's header row and the rule under it (first column left, the others right)."""
    return [row(*cells), "|---|" + "---:|" * (len(cells) - 1)]


def joined(cells: Iterable[Any]) -> str:
    """Cells as the middle of a row (`a | b`), for rows built around a fixed first or last cell."""
    return " | ".join(str(cell) for cell in cells)


def pyplot() -> Any:
    """matplotlib's pyplot on the file-only Agg backend (benchmarks run without a display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(name: str, result: Any, render: Callable[[Any], str] | None = None,
         plot: Callable[[Any, Path], None] | None = None) -> None:
    """Write bench/out/NAME.json, and NAME.png and NAME.md when given a plot and a render; print the render."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=2))
    if plot is not None:
        plot(result, OUT / f"{name}.png")
    if render is not None:
        text = render(result)
        (OUT / f"{name}.md").write_text(text)
        print(text)
