"""The README's recipes for editors, followed word for word on a copy of the default site.

The commands are read from the README itself, so a recipe that stops working fails here.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sitekit import ROOT, TinySite
from smhsite.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(heading: str) -> list[list[str]]:
    """The smhsite commands in the code blocks of a README section, in order."""
    section = README.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    lines = [line.split("#", 1)[0].strip() for block in re.findall(r"```bash\n(.*?)```", section,
                                                                     re.S)
             for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith(".venv/bin/smhsite ")]


def run(root: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def fill_in(file: Path, title: str) -> None:
    """What the recipe asks: replace every TODO (title, description, ids, text)."""
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*TODO.*$", f"title: {title}", text, flags=re.M)
    text = re.sub(r"^description: .*TODO.*$", "description: What helps, in short.", text,
                  flags=re.M)
    for key, value in (("topic", "anxiety"), ("topics", "[anxiety]"), ("tiers", "[1]"),
                       ("pillars", "[capacity-building]"), ("format", "tip-sheet"),
                       ("time_needed", "10")):
        text = re.sub(rf"^{key}: TODO$", f"{key}: {value}", text, flags=re.M)
    text = re.sub(r"^TODO.*$", f"{title}: the page's own words.", text, flags=re.M)
    file.write_text(text, encoding="utf-8")


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_the_editor_recipes_work_as_written(default_copy: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = default_copy
    # Add a page: `new`, fill in every TODO, `check`.
    new, check = commands("Add a page")
    assert new[:3] == ["new", "topic", "topics/grief"] and check == ["check"]
    assert run(root, new, capsys)[0] == 0
    fill_in(root / "docs/en/topics/grief.md", "Grief and loss")
    fill_in(root / "docs/fr/topics/grief.md", "Le deuil")
    assert run(root, check, capsys) == (0, f"{len(list((root / 'docs').rglob('*.md')))} page(s) "
                                           "checked, no problems. The site is ready to build\n")

    # Translate a page: the check names the command, the command writes the page.
    (root / "docs/fr/topics/grief.md").unlink()
    [translate] = commands("Translate a page")
    code, said = run(root, ["check"], capsys)
    assert code == 1 and f"Run 'smhsite {shlex.join(translate)}'" in said
    assert run(root, translate, capsys)[0] == 0
    fill_in(root / "docs/fr/topics/grief.md", "Le deuil")
    assert run(root, ["check"], capsys)[0] == 0

    # Rename a page: the check names each link to the old name, with its file and line.
    for lang in ("en", "fr"):
        (root / f"docs/{lang}/topics/anxiety.md").rename(root / f"docs/{lang}/topics/worry.md")
    code, said = run(root, ["check"], capsys)
    broken = re.findall(r"^(docs/[^:]+):(\d+): the link to '([^']*anxiety\.md[^']*)'", said,
                        re.M)
    assert code == 1 and broken
    for path, line, target in broken:
        file = root / path
        lines = file.read_text(encoding="utf-8").split("\n")
        lines[int(line) - 1] = lines[int(line) - 1].replace(target,
                                                            target.replace("anxiety", "worry"))
        file.write_text("\n".join(lines), encoding="utf-8")
    assert run(root, ["check"], capsys)[0] == 0

    # Add a resource to the library.
    [new_resource] = commands("Add a resource to the library")
    assert run(root, new_resource, capsys)[0] == 0
    fill_in(root / "docs/en/resources/sleep-tips.md", "Sleep tips")
    fill_in(root / "docs/fr/resources/sleep-tips.md", "Conseils pour le sommeil")
    assert run(root, ["check"], capsys)[0] == 0

    monkeypatch.setenv("SMH_SEARCH", "off")
    site = TinySite(root)
    site.build()
    assert "Le deuil" in site.html("fr/topics/grief/index.html")
    assert "Sleep tips" in site.html("resources/sleep-tips/index.html")
    assert 'href="../grief/"' in site.html("topics/worry/index.html")  # in the menu
