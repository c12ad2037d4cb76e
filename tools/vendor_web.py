"""Vendor the web workspace's JavaScript and CSS from npm at the versions pinned in api/web/vendor.json.

    python tools/vendor_web.py        (or: make vendor)

Runs `npm pack NAME@VERSION` in a temporary folder and copies the listed files (flattened: only
their base names) with their licences into api/web/static/vendor/NAME/ (or the package's "dest").
Only the developer who bumps a version runs this: users get the files in the Python package, with no
build step and no CDN.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "api" / "web" / "vendor.json"
DEFAULT_DEST = ROOT / "api" / "web" / "static" / "vendor"


def vendor(package: dict, work: Path) -> Path:
    """Pack one package from npm and copy its listed files; returns the folder written."""
    spec = f"{package['name']}@{package['version']}"
    done = subprocess.run(["npm", "pack", "--silent", spec], cwd=work, capture_output=True, text=True, check=True)
    archive = work / done.stdout.strip().splitlines()[-1]
    unpacked = work / package["name"]
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    target = (ROOT / package["dest"] if "dest" in package else DEFAULT_DEST) / package["name"]
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in package["files"]:
        shutil.copy2(unpacked / "package" / name, target / Path(name).name)
    for name, replacements in package.get("rewrite", {}).items():  # offline: no CDN address left behind
        path = target / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements.items():
            if old not in text:
                raise SystemExit(f"{spec}: {old!r} not found in {name}: check the rewrite in {MANIFEST.name}")
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    (target / "VERSION").write_text(spec + "\n")
    return target


def main() -> int:
    packages = json.loads(MANIFEST.read_text())["packages"]
    with tempfile.TemporaryDirectory() as tmp:
        for package in packages:
            print(f"vendored {package['name']}@{package['version']} -> {vendor(package, Path(tmp)).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
