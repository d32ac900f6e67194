"""The editor's tools besides `check`: `smhsite new`, `smhsite status`, `smhsite schemas`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import ROOT, make_site, minimal_pages, page
from smhsite.cli import main

TODAY = "2026-11-22"


def smhsite_cmd(root: Path, *args: str) -> int:
    return main(["--root", str(root), "--today", TODAY, *args])


# ------------------------------------------------------------------ smhsite new


def test_new_creates_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    assert smhsite_cmd(site.root, "new", "topic", "topics/grief") == 0
    assert capsys.readouterr().out.splitlines() == [
        "created docs/en/topics/grief.md. Fill in every TODO, then run 'smhsite check'",
        "created docs/fr/topics/grief.md. Fill in every TODO, then run 'smhsite check'",
    ]
    english = (site.root / "docs/en/topics/grief.md").read_text(encoding="utf-8")
    french = (site.root / "docs/fr/topics/grief.md").read_text(encoding="utf-8")
    for text in (english, french):
        assert "type: topic\n" in text
        assert f"last_reviewed: {TODAY}\n" in text
        assert "next_review: 2027-11-22\n" in text
    assert 'title: "TODO: the page title in English"' in english
    assert 'title: "TODO: le titre de la page en français"' in french


def test_check_lists_the_placeholders_of_a_new_page(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    smhsite_cmd(site.root, "new", "topic", "topics/grief")
    capsys.readouterr()
    assert smhsite_cmd(site.root, "check") == 1
    fix = "Replace it with real text before publishing."
    # Lines 2, 3 and 8 are the title, the description and the topic id; line 11 is the text.
    # Each placeholder is reported once, saying what to write in its place.
    expected = []
    for lang in ("en", "fr"):
        expected += [
            f"docs/{lang}/topics/grief.md:2: 'title' still holds the placeholder 'TODO'. Write "
            "the page's heading, for example 'title: Anxiety at school'.",
            f"docs/{lang}/topics/grief.md:3: 'description' still holds the placeholder 'TODO'. "
            "Write one sentence saying what the page offers; search results and link previews "
            "show it.",
            f"docs/{lang}/topics/grief.md:8: 'topic' still holds the placeholder 'TODO'. Write "
            "the topic id this page teaches, for example 'topic: anxiety'.",
            f"docs/{lang}/topics/grief.md:11: the placeholder 'TODO' is still here. {fix}"]
    assert capsys.readouterr().out.splitlines() == [
        *expected,
        f"8 error(s), 0 warning(s) in {len(minimal_pages()) + 2} page(s). Fix each line above; "
        "the build stops on any of them",
    ]


def fill_in(text: str, title: str, description: str, body: str) -> str:
    """What an editor does after `smhsite new`: replace every placeholder."""
    front, _, _ = text.rpartition("---\n")
    lines = []
    for line in front.splitlines():
        key = line.partition(":")[0]
        value = {"title": title, "description": description, "topic": "anxiety"}.get(key)
        lines.append(f"{key}: {value}" if value else line)
    return "\n".join(lines) + f"\n---\n\n{body}\n"


def test_filled_in_page_passes_check_and_builds(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    smhsite_cmd(site.root, "new", "topic", "topics/grief")
    for lang, title, body in (("en", "Grief and loss", "When someone dies, students grieve."),
                              ("fr", "Deuil et perte", "Quand une personne meurt, les élèves "
                                                       "vivent un deuil.")):
        file = site.root / f"docs/{lang}/topics/grief.md"
        file.write_text(fill_in(file.read_text(encoding="utf-8"), title, "About grief.", body),
                        encoding="utf-8")
    capsys.readouterr()
    assert smhsite_cmd(site.root, "check") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{len(minimal_pages()) + 2} page(s) checked, no problems. The site is ready to build"]
    site.build()
    assert "When someone dies, students grieve." in site.html("topics/grief/index.html")
    assert "Quand une personne meurt" in site.html("fr/topics/grief/index.html")


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {"docs/en/topics/grief.md": page("Grief", "My own words.\n")})
    assert smhsite_cmd(site.root, "new", "topic", "topics/grief") == 1
    output = capsys.readouterr()
    assert output.err.splitlines() == [
        "docs/en/topics/grief.md: this page already exists. Choose another slug, or edit the "
        "existing page"]
    assert output.out == ""
    assert "My own words." in site.root.joinpath("docs/en/topics/grief.md").read_text("utf-8")
    assert not (site.root / "docs/fr/topics/grief.md").exists()


# ------------------------------------------------------------------ smhsite status


def git(root: Path, *args: str, when: str = "2026-09-01T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                    *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A tiny site in git: everything committed on 1 September, then on 1 October a change to
    the English privacy page only. The home page's review was due on 1 November."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    site = make_site(tmp_path, {"docs/en/index.md": page(
        "Home", type="home", last_reviewed="2025-11-01", next_review="2026-11-01")})
    git(site.root, "init", "-q")
    git(site.root, "add", ".")
    git(site.root, "commit", "-q", "-m", "Both languages")
    site.write("docs/en/privacy.md", page("Privacy", "We changed this.\n", type="statement"))
    git(site.root, "commit", "-q", "-am", "English only", when="2026-10-01T10:00:00+00:00")
    return site.root


def test_status_flags_french_that_may_be_stale(history: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert smhsite_cmd(history, "status", "--format", "json") == 0
    rows = {row["page"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["privacy.md"] == {
        "page": "privacy.md", "language": "fr", "source_changed": "2026-10-01",
        "translation_changed": "2026-09-01", "may_be_stale": True, "next_review": "2099-11-01",
        "review_overdue": False}
    assert [page for page, row in rows.items() if row["may_be_stale"]] == ["privacy.md"]


def test_status_flags_overdue_reviews(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    smhsite_cmd(history, "status", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert [(row["page"], row["next_review"]) for row in rows if row["review_overdue"]] == [
        ("index.md", "2026-11-01")]


def test_status_table_has_a_header_row(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert smhsite_cmd(history, "status") == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["page", "language", "source_changed", "translation_changed",
                              "may_be_stale", "next_review", "review_overdue"]
    assert ["privacy.md", "fr", "2026-10-01", "2026-09-01", "True", "2099-11-01", "False"] in [
        row.split() for row in rows]


# ------------------------------------------------------------------ smhsite schemas


def test_schemas_of_the_project_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "schemas", "--check"]) == 0
    assert capsys.readouterr().err == ""


def test_schemas_check_fails_after_a_taxonomy_change(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    shutil.copytree(ROOT / "schemas", site.root / "schemas")
    taxonomy = site.root / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace(
        "topics:\n", "topics:\n  - id: grief\n    en: Grief\n    fr: Deuil\n"), encoding="utf-8")
    # Only the front matter schema lists the taxonomy's ids.
    assert smhsite_cmd(site.root, "schemas", "--check") == 1
    assert capsys.readouterr().err.splitlines() == [
        "these schema files are out of date: front-matter.schema.json. Run 'smhsite schemas' "
        "and commit the result"]


def test_schemas_writes_what_check_expects(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    assert smhsite_cmd(site.root, "schemas") == 0
    written = sorted(p.name for p in (site.root / "schemas").iterdir())
    assert written == sorted(p.name for p in (ROOT / "schemas").iterdir())
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {len(written)} schema file(s) to schemas/. Commit them with the change that "
        "altered the models or the taxonomy"]
    assert smhsite_cmd(site.root, "schemas", "--check") == 0


def test_check_writes_github_annotations(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {"docs/fr/index.md": page("Accueil", type="home",
                                                         audience="[parent]")})
    code = main(["--root", str(site.root), "--today", "2026-11-22", "check", "--format",
                 "github"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith("::error file=docs/fr/index.md,line=5::audience 'parent' is not "
                             "in data/taxonomy.yml (did you mean 'parents'?).")


def test_output_cut_short_by_a_pager_ends_quietly(tmp_path: Path) -> None:
    """`smhsite status --format json | head` stops without a BrokenPipeError."""
    # More output than a pipe holds (64 KiB), so the command is still writing when head stops.
    site = make_site(tmp_path, {f"docs/{lang}/notes/n{index}.md": page(f"Note {index} {lang}")
                                for lang in ("en", "fr") for index in range(500)})
    smhsite = Path(sys.executable).parent / "smhsite"
    run = subprocess.run(["bash", "-c", f"'{smhsite}' --root '{site.root}' status --format json"
                          " | head -1"], capture_output=True, text=True, check=False)
    assert run.stdout == "[\n"
    assert run.stderr == ""
