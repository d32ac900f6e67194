"""scripts/setup.sh: nothing reinstalled when nothing changed, a clear word on a wrong Python."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

from sitekit import ROOT

# Stands in for a Python interpreter: answers the version checks and logs every call.
FAKE_PYTHON = """#!/usr/bin/env bash
echo "$@" >> "$(dirname "$0")/calls.log"
case "$*" in
  --version) echo "Python {version}" ;;
  "-c import sys; sys.exit(sys.version_info < (3, 11))") exit {too_old} ;;
  "-c import sys; print(sys.version.split()[0])") echo "{version}" ;;
esac
"""


def project_copy(tmp_path: Path) -> Path:
    for name in ("scripts", "pyproject.toml", "constraints.txt"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def fake_python(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    too_old = 1 if tuple(int(x) for x in version.split(".")[:2]) < (3, 11) else 0
    path.write_text(FAKE_PYTHON.format(version=version, too_old=too_old), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def run_setup(project: Path, python: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "scripts/setup.sh"], cwd=project, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "PYTHON": str(python)},
                          check=False)


def test_a_python_too_old_is_named_with_what_to_do(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    old = fake_python(tmp_path / "old" / "python3", "3.9.18")
    run = run_setup(project, old)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"setup: Python 3.11 or newer is needed, but '{old}' is Python 3.9.18.",
        "setup: install Python 3.11, or run with PYTHON=/path/to/python3.11 bash "
        "scripts/setup.sh"]
    assert not (project / ".venv").exists()


def test_nothing_is_installed_again_when_nothing_changed(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    good = fake_python(tmp_path / "good" / "python3", "3.11.7")
    venv_python = fake_python(project / ".venv/bin/python", "3.11.7")
    first = run_setup(project, good)
    assert first.returncode == 0, first.stderr
    calls = (venv_python.parent / "calls.log").read_text(encoding="utf-8")
    assert "-m pip install" in calls  # a new .venv gets everything
    (venv_python.parent / "calls.log").unlink()
    second = run_setup(project, good)
    assert second.returncode == 0, second.stderr
    assert "-m pip" not in (venv_python.parent / "calls.log").read_text(encoding="utf-8")
    # A change of pins installs again.
    (project / "constraints.txt").write_text("mkdocs==1.6.1\n", encoding="utf-8")
    run_setup(project, good)
    assert "-m pip install" in (venv_python.parent / "calls.log").read_text(encoding="utf-8")


def test_a_venv_of_another_python_is_made_again(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    good = fake_python(tmp_path / "good" / "python3", "3.11.7")
    fake_python(project / ".venv/bin/python", "3.9.18")
    run = run_setup(project, good)
    assert "setup: .venv was made with another Python; making it again with Python 3.11.7." \
        in run.stderr
    # The fake interpreter cannot make a venv: what matters is that the old one is gone.
    assert not (project / ".venv/bin/python").exists() or \
        "3.9.18" not in (project / ".venv/bin/python").read_text(encoding="utf-8")
