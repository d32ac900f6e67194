"""A real strict build stops on every kind of content problem, says why once, and publishes nothing.

static-i18n runs the whole build once per language; the editor must still read each message once,
without a Python traceback, and no half-built site may be left behind to deploy.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitekit import CRISIS_LINES, ROOT, VERIFIED, TinySite, default_build, make_site, page
from smhsite.cli import main

NOT_PUBLISHED = ("problem(s) must be fixed before the site can be built; nothing was published. "
                 "Each line above names the file, the line and the fix. Run 'smhsite check' to "
                 "see them again without building.")


def home(**changes: str) -> str:
    return page(**{"title": "Home", "type": "home", **changes})


def failed_build(site: TinySite) -> PluginError:
    """Build, expect the validation hook to stop it, and return the hook's error."""
    with pytest.raises(Abort, match=r"^Aborted with a BuildError!$") as raised:
        site.build()
    error = raised.value.__context__
    assert isinstance(error, PluginError)
    return error


def assert_nothing_published(site: TinySite) -> None:
    assert not site.site.exists() or not list(site.site.rglob("index.html"))


ERRORS = [
    pytest.param(
        {"docs/en/index.md": home(title="Anxiety: what helps")},
        ["docs/en/index.md:2: the YAML is not valid: a ': ' stands inside a value that has no "
         "quotes "
         "(column 15). Check the indentation and the quoting on this line; text containing ': ' "
         "or '#', or starting with one of ! & * @ [ {, needs quotes."],
        id="reading"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", "Bienvenue à l'école.\n",
                                  type="home").encode("latin-1")},
        ["docs/fr/index.md:10: the file is not UTF-8 text (byte 204 cannot be read). Save the "
         "file again with the UTF-8 encoding (most editors offer it under 'Save with "
         "encoding')."],
        id="encoding"),
    pytest.param(
        {"docs/en/index.md": home().replace("title: Home\n", "")},
        ["docs/en/index.md:1: 'title' is missing. Add 'title:' to the front matter (the page's "
         "heading, for example 'title: Anxiety at school')."],
        id="front-matter-schema"),
    pytest.param(
        {"docs/en/index.md": home(audience="[parent]"),
         "docs/fr/index.md": page("Accueil", type="home", audience="[parent]")},
        [f"docs/{lang}/index.md:5: audience 'parent' is not in data/taxonomy.yml (did you mean "
         "'parents'?). Use one of: students, parents, educators, professionals, "
         "mental-health-leaders, leaders; or add the new entry to data/taxonomy.yml with its "
         "English and French labels." for lang in ("en", "fr")],
        id="taxonomy-ids"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", type="home", audience="[parents]")},
        ["docs/fr/index.md:5: 'audience' is [parents] here but [students, parents, educators, "
         "professionals, mental-health-leaders, leaders] in docs/en/index.md. Ids are the same "
         "in both languages: make 'audience' identical in both files."],
        id="facets"),
    pytest.param(
        {"docs/en/topics/grief.md": page("Grief", type="topic", extra="topic: anxiety\n")},
        ["docs/en/topics/grief.md:1: this page has no 'fr' (Français) version "
         "(docs/fr/topics/grief.md does not exist). Run 'smhsite translate "
         "docs/en/topics/grief.md': it writes docs/fr/topics/grief.md with this page's front "
         "matter and its text marked for translation. Or remove this page."],
        id="parity"),
    pytest.param(
        {"docs/en/index.md": home(last_reviewed="2026-11-01", next_review="2026-10-01"),
         "docs/fr/index.md": page("Accueil", type="home", last_reviewed="2026-11-01",
                                  next_review="2026-10-01")},
        [f"docs/{lang}/index.md:7: next_review 2026-10-01 is not after last_reviewed "
         "2026-11-01. Set next_review to a date after last_reviewed (usually one year later)."
         for lang in ("en", "fr")],
        id="review-dates"),
    pytest.param(
        {"docs/en/index.md": home(body="See [help](get-hlep.md) and [privacy](privacy.md#x).\n")},
        ["docs/en/index.md:10: the link 'privacy.md#x' points to '#x', which is not a heading "
         "or id on that page. Use one of the page's anchors (none) or add '{#x}' after the "
         "heading you mean.",
         "docs/en/index.md:10: the link to 'get-hlep.md' leads nowhere: docs/en/get-hlep.md "
         "does not exist. Correct the path; links are relative to this file and end in .md, "
         "like ../roles/parents.md."],
        id="links-and-anchors"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", "# Accueil\n\n!!! tip\n    Texte.\n\nTODO: fin\n",
                                  type="home")},
        ["docs/fr/index.md:10: the page text starts a level-1 heading '# Accueil'. The title "
         "from the front matter is already the page's heading: use '## ' for sections.",
         "docs/fr/index.md:12: the 'tip' box has no title, so it would show the English word "
         "'Tip' on a French page. Give it a French title in quotes, like !!! tip \"Remarque\".",
         "docs/fr/index.md:15: the placeholder 'TODO' is still here. Replace it with real "
         "text before publishing."],
        id="page-text"),
    pytest.param(
        {"docs/notes.md": page("Notes")},
        ["docs/notes.md:1: pages must live inside docs/en/ or docs/fr/. Move this file into "
         "docs/en/ and add its French version in docs/fr/ at the same path."],
        id="file-outside-language-folders"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace('"+18006686868"', '"811"')},
        ["data/crisis_lines.yml:13: '811' is not a number the site can dial. Write the number "
         "in international form, '+1' then the digits without spaces, or one of the short codes "
         "911, 988, 686868 (data/site.yml); put it in quotes."],
        id="crisis-lines"),
    pytest.param(
        {"docs/en/resources/plan.md": page("A plan", type="resource", extra=(
            "topics: [anxiety]\ntiers: [1]\npillars: [equity]\nformat: tip-sheet\n"
            "time_needed: 10\ndownload: files/plan.pdf\n")),
         "docs/fr/resources/plan.md": page("Un plan", type="resource", extra=(
            "topics: [anxiety]\ntiers: [1]\npillars: [equity]\nformat: tip-sheet\n"
            "time_needed: 10\ndownload: files/plan.pdf\n")),
         "docs/fr/resources/files/plan.pdf": "%PDF-1.4\n"},
        ["docs/en/resources/plan.md:13: the download 'files/plan.pdf' does not exist "
         "(docs/en/resources/files/plan.pdf). Put the file at that path, next to the page's "
         "folder, or correct 'download:'."],
        id="resources"),
]


@pytest.mark.parametrize(("files", "expected"), ERRORS)
def test_build_stops_with_each_message_once(tmp_path: Path, files: dict[str, str | bytes],
                                            expected: list[str]) -> None:
    site = make_site(tmp_path, {"data/crisis_lines.yml": CRISIS_LINES, **files})
    error = failed_build(site)
    assert str(error) == "\n".join([*expected, f"{len(expected)} {NOT_PUBLISHED}"])
    logged = "\n".join(site.messages(logging.ERROR))
    for line in expected:
        assert logged.count(line) == 1, line
    assert "Traceback" not in logged
    assert all(record.exc_info is None for record in site.logs)
    assert_nothing_published(site)


def test_taxonomy_problem_stops_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    taxonomy = site.root / "data/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    without_label = text.replace("  - id: anxiety\n    en: Anxiety\n    fr: Anxiété\n",
                                 "  - id: anxiety\n    en: Anxiety\n")
    assert without_label != text
    taxonomy.write_text(without_label, encoding="utf-8")
    error = failed_build(site)
    [message, _] = str(error).split("\n")
    assert message.startswith("data/taxonomy.yml:")
    assert message.endswith(": topics entry 'anxiety' has no 'fr' (Français) label. Add "
                            "'fr: <label>' under this entry.")
    assert_nothing_published(site)


def test_failed_build_removes_the_previous_site(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.build()
    assert (site.site / "index.html").is_file()
    site.write("docs/en/index.md", home(body="# Welcome\n"))
    failed_build(site)
    assert not site.site.exists()


WARNINGS = [
    pytest.param(  # a page and its translation are due together: one warning for each file
        {"docs/en/index.md": home(last_reviewed="2025-11-01", next_review="2026-01-01"),
         "docs/fr/index.md": page("Accueil", type="home", last_reviewed="2025-11-01",
                                  next_review="2026-01-01")},
        [f"docs/{lang}/index.md:7: warning: next_review 2026-01-01 is in the past: this page "
         "is due for review. Review the page, then set last_reviewed to today and next_review "
         "to a future date." for lang in ("en", "fr")],
        id="review-overdue"),
    pytest.param(
        {"docs/fr/index.md": page("Home", type="home")},
        "docs/fr/index.md:2: warning: the title 'Home' is identical to the English title. "
        "Translate the title, or ignore this warning if the title really is the same in both "
        "languages.",
        id="untranslated-title"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace(VERIFIED, "2020-01-01")},
        "data/crisis_lines.yml:17: warning: the helpline 'kids-help-phone' was last verified on "
        "2020-01-01, {days_since_2020} days ago (the limit is "
        "180). Call or check the line's website, correct anything that changed, then set "
        "last_verified to today.",
        id="crisis-line-not-verified"),
]


@pytest.mark.parametrize(("files", "expected"), WARNINGS)
def test_a_warning_fails_the_strict_build(tmp_path: Path, files: dict[str, str],
                                          expected: str | list[str]) -> None:
    lines = expected if isinstance(expected, list) else [expected]
    site = make_site(tmp_path, {"data/crisis_lines.yml": CRISIS_LINES, **files})
    before = dt.date.today()
    with pytest.raises(Abort, match=rf"^Aborted with {len(lines)} warnings in strict mode!$"):
        site.build()
    # a build that runs across midnight may count either day
    allowed = [[line.format(days_since_2020=(day - dt.date(2020, 1, 1)).days) for line in lines]
               for day in {before, dt.date.today()}]
    assert site.messages() in allowed  # each once, though static-i18n builds twice
    assert_nothing_published(site)


# ------------------------------------------------------------------ the default site


def test_default_site_passes_check() -> None:
    assert main(["--root", str(ROOT), "check"]) == 0


def test_default_site_builds_strictly_with_the_same_pages_in_both_languages(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    default = default_build(tmp_path_factory)  # load_config(..., strict=True) and build
    assert default.messages == []
    site = default.site
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    french = {p.removeprefix("fr/") for p in pages if p.startswith("fr/")}
    english = {p for p in pages if not p.startswith("fr/")}
    assert "index.html" in english
    assert english == french


@pytest.mark.parametrize(("broken", "expected"), [
    pytest.param("{{ smh_ui.footer_nav.format(count=) }}",
                 "overrides/partials/review.html:1: the template cannot be shown: unexpected ')'",
                 id="syntax"),
    pytest.param("{{ smh_ui.no_such_text.upper() }}",
                 "overrides/partials/review.html:1: the template cannot be shown: "
                 "'dict object' has no attribute 'no_such_text'", id="undefined"),
])
def test_a_template_mistake_names_the_template_and_line(tmp_path: Path, broken: str,
                                                        expected: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    review = site.root / "overrides/partials/review.html"
    review.write_text(broken + "\n" + review.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(site.root)
    with pytest.raises(Abort):
        site.build()
    logged = "\n".join(site.messages(logging.ERROR))
    assert expected in logged
    assert "Undo the last change to this template" in logged
    assert "Traceback" not in logged
    assert_nothing_published(site)
