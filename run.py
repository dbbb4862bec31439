#!/usr/bin/env python3
"""One entry point for people and CI: sets up .venv on first use, then runs what you ask.

    python3 run.py bot [ARGS]   run the bot (python -m bot ARGS), e.g. `run.py bot sandbox`
    python3 run.py test [ARGS]  run the test suite (pytest ARGS), e.g. `run.py test -m unit`
    python3 run.py lint         ruff (lint, format check) and mypy
    python3 run.py lock         refresh requirements.lock from pyproject.toml's ranges

The environment is installed from requirements.lock, the exact versions the project was
last tested with (a pip constraints file), so every machine and CI run the same set.
Only the standard library is used here, so a machine with nothing but Python 3.11+ works.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "requirements.lock"
VENV = Path(os.environ.get("ROADMAP_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extras: str) -> None:
    """Create the virtual environment and (re)install the project when pyproject changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs under any python3
        sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (LOCK.read_bytes() if LOCK.exists() else b"")
    ).hexdigest()[:16]
    stamp = VENV / f".installed-{extras or 'base'}-{digest}"
    if stamp.exists():
        return
    print(
        f"installing the project{f' with [{extras}]' if extras else ''} into {VENV} …", flush=True
    )
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    constraints = ["--constraint", str(LOCK)] if LOCK.exists() else []
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *constraints, "--editable", target], check=True)
    stamp.touch()


def lock() -> int:
    """Resolve pyproject.toml's ranges afresh in a scratch environment and write the result,
    every package pinned, to requirements.lock."""
    with tempfile.TemporaryDirectory() as scratch:
        venv.EnvBuilder(with_pip=True).create(scratch)
        python = Path(scratch) / ("Scripts" if os.name == "nt" else "bin") / "python"
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "--quiet", f"{ROOT}[test]"], check=True)
        frozen = subprocess.run(
            [*pip, "freeze", "--exclude", "roadmap-bot"], check=True, capture_output=True, text=True
        ).stdout
    header = (
        "# The exact versions the project is tested with; run.py installs with these as\n"
        "# constraints. Refresh after changing pyproject.toml: python3 run.py lock\n"
    )
    LOCK.write_text(header + frozen, encoding="utf-8")
    print(f"{LOCK.name}: {len(frozen.splitlines())} packages")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("bot", "test", "lint", "lock"):
        print(__doc__)
        return 2
    command, args = argv[0], argv[1:]
    if command == "lock":
        return lock()
    ensure_environment("" if command == "bot" else "test")
    if command == "bot":
        cmd = [str(PYTHON), "-m", "bot", *args]
    elif command == "test":
        cmd = [str(PYTHON), "-m", "pytest", *args]
    else:
        paths = ["bot", "handlers", "storage", "tests", "bench", "run.py"]
        paths = [p for p in paths if (ROOT / p).exists()]
        lint = subprocess.run([str(PYTHON), "-m", "ruff", "check", *paths], cwd=ROOT)
        fmt = subprocess.run([str(PYTHON), "-m", "ruff", "format", "--check", *paths], cwd=ROOT)
        types = subprocess.run([str(PYTHON), "-m", "mypy"], cwd=ROOT)
        return lint.returncode or fmt.returncode or types.returncode
    try:
        return subprocess.run(cmd, cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
