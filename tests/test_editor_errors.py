"""What an editor sees from `smhsite check` for each mistake they can make.

Every case is a tiny real site with one mistake, run through the real command line. A broken
input must be reported as `<path>:<line>: <what is wrong>. <how to fix>` (warnings add
`warning: `), on the line of the offending key, with exit code 1. The merely unusual inputs at
the end (byte-order mark, Windows line endings, accented file names) must pass and build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitekit import CRISIS_LINES, ROOT, VERIFIED, make_site, minimal_pages, page
from smhsite import page_models as schema
from smhsite.cli import main

TODAY = "2026-11-22"  # every date below is relative to this day
CRISIS_LINES = CRISIS_LINES.replace(VERIFIED, "2026-11-01")  # checked three weeks before TODAY
SUMMARY = re.compile(r"\d+ error\(s\), \d+ warning\(s\) in \d+ page\(s\)\. "
                     r"Fix each line above; the build stops on any of them")


def check(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str]]:
    """Run `smhsite check` as an editor would: its exit code and the lines it prints."""
    code = main(["--root", str(root), "--today", TODAY, "check", *options])
    return code, capsys.readouterr().out.splitlines()


# ------------------------------------------------------------------ building blocks


def resource(title: str, extra: str = "") -> str:
    """A valid resource page; `extra` adds front matter keys from line 13 on."""
    return page(title, type="resource", extra=(
        "topics: [anxiety]\ntiers: [1]\npillars: [equity]\nformat: tip-sheet\n"
        f"time_needed: 10\n{extra}"))


UI_TEXT = (ROOT / "data/ui.yml").read_text(encoding="utf-8")
UI_LINE = {line.split(":")[0]: number for number, line in enumerate(UI_TEXT.splitlines(), 1)
           if line and not line.startswith((" ", "#"))}

# A complete taxonomy, one entry per line.
TAXONOMY = """\
audiences:
  - {id: students, en: Students, fr: Élèves}
  - {id: parents, en: Parents and caregivers, fr: Parents et personnes aidantes}
  - {id: educators, en: Educators, fr: Personnel enseignant}
  - {id: professionals, en: School mental health professionals, fr: Professionnels}
  - {id: mental-health-leaders, en: Mental health leaders, fr: Leaders en santé mentale}
  - {id: leaders, en: School and system leaders, fr: Leaders scolaires et du système}
topics:
  - {id: anxiety, en: Anxiety, fr: Anxiété}
  - {id: grief, en: Grief and loss, fr: Deuil et perte}
tiers:
  - {id: "1", en: Tier 1, fr: Niveau 1}
pillars:
  - {id: equity, en: Equity, fr: Équité}
formats:
  - {id: tip-sheet, en: Tip sheet, fr: Fiche-conseil}
divisions:
  - {id: junior, en: Junior, fr: Cycle moyen}
"""

AUDIENCES = "students, parents, educators, professionals, mental-health-leaders, leaders"
PAGE_TYPES = ", ".join(sorted(schema.PAGE_TYPES))
COMMON_KEYS = ("audience, content_warning, description, last_reviewed, nav_order, nav_title, "
               "next_review, quick_exit, title, type")
YAML_FIX = ("Check the indentation and the quoting on this line; text containing ': ' or '#', "
            "or starting with one of ! & * @ [ {, needs quotes.")
PLACEHOLDER_FIX = "Replace it with real text before publishing."
NUMBER_FIX = ("Write the number in international form, '+1' then the digits without spaces, or "
              "one of the short codes 911, 988, 686868 (data/site.yml); put it in quotes.")


def home(**changes: str) -> str:
    """The English home page, with one argument of `page` changed."""
    return page(**{"title": "Home", "type": "home", **changes})


# ------------------------------------------------------------------ broken inputs

def both_homes(**dates: str) -> dict[str, str]:
    return {"docs/en/index.md": home(**dates),
            "docs/fr/index.md": page("Accueil", type="home", **dates)}


BROKEN = [
    # ---- reading the file
    pytest.param(
        {"docs/en/index.md": "---\ntitle: Anxiety: what helps\ntype: home\n---\n"},
        ["docs/en/index.md:2: the YAML is not valid: a ': ' stands inside a value that has no "
         "quotes "
         f"(column 15). {YAML_FIX}"],
        id="bad-yaml-unquoted-colon"),
    pytest.param(
        {"docs/en/index.md": page("Home", type="home", audience="[parents, educators")},
        ["docs/en/index.md:6: the YAML is not valid: a list in square brackets is not closed, "
         f"or an item in it holds ': ' (column 14). {YAML_FIX}"],
        id="bad-yaml-unclosed-list"),
    pytest.param(
        {"docs/en/index.md": home(title="!Important news")},
        ["docs/en/index.md:2: the YAML is not valid: a value starts with '!', which YAML reads "
         f"as a special tag (column 8). {YAML_FIX}"],
        id="bad-yaml-unknown-tag"),
    pytest.param(
        {"docs/en/index.md": "---\n- title: Home\n- type: home\n---\n\nSome text.\n"},
        ["docs/en/index.md:2: the front matter must be a set of 'key: value' lines, but it is "
         "a list. Write one 'key: value' per line, like 'title: My page'."],
        id="front-matter-is-a-list"),
    pytest.param(
        {"docs/en/index.md": home().replace("title: Home\n", "")},
        ["docs/en/index.md:1: 'title' is missing. Add 'title:' to the front matter (the page's "
         "heading, for example 'title: Anxiety at school')."],
        id="missing-title"),
    pytest.param(
        {"docs/en/index.md": ""},
        ["docs/en/index.md:1: the file is empty. Add front matter between two '---' lines "
         "(title, description, type, audience, dates) and the page text, or run 'smhsite new' "
         "to start from a template."],
        id="empty-file"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", "Bienvenue à l'école.\n",
                                  type="home").encode("latin-1")},
        ["docs/fr/index.md:10: the file is not UTF-8 text (byte 204 cannot be read). Save the "
         "file again with the UTF-8 encoding (most editors offer it under 'Save with "
         "encoding')."],
        id="latin-1-file"),
    pytest.param(
        {"docs/en/index.md": home(audience="\n\t- parents")},
        ["docs/en/index.md:6: a tab character is used for indentation (column 1). YAML only "
         "accepts spaces: replace the tab with spaces."],
        id="tab-in-yaml"),
    pytest.param(
        {"docs/en/index.md": home(extra="title: Welcome\n")},
        ["docs/en/index.md:8: the key 'title' appears twice (first on line 2). Keep one of the "
         "two; otherwise the second silently replaces the first."],
        id="duplicate-key"),
    pytest.param(
        {"docs/en/index.md": "---\ntitle: Home\ntype: home\n\nSome text.\n"},
        ["docs/en/index.md:1: the front matter that starts on line 1 is never closed. Add a "
         "line containing only '---' after the last front matter key."],
        id="unclosed-front-matter"),
    pytest.param(
        {"docs/en/index.md": "Welcome to the site.\n"},
        ["docs/en/index.md:1: the page has no front matter. Start the file with a '---' line, "
         "then title, description, type, audience, last_reviewed and next_review, then another "
         "'---' line."],
        id="no-front-matter"),
    # ---- front matter keys and values
    pytest.param(
        {"docs/en/index.md": home().replace(f"audience: [{AUDIENCES}]\n", "")},
        ["docs/en/index.md:1: 'audience' is missing. Add 'audience:' to the front matter (who "
         "the page is for, for example 'audience: [parents, educators]')."],
        id="missing-audience"),
    pytest.param(
        {"docs/en/roles/parents.md": page("Parents and caregivers", type="role",
                                          audience="[parents]", extra="role: parents\n"),
         "docs/fr/roles/parents.md": page("Parents et personnes aidantes", type="role",
                                          audience="[parent]", extra="role: parents\n")},
        ["docs/fr/roles/parents.md:5: audience 'parent' is not in data/taxonomy.yml (did you "
         f"mean 'parents'?). Use one of: {AUDIENCES}; or add the new entry to "
         "data/taxonomy.yml with its English and French labels."],
        id="unknown-audience"),
    pytest.param(
        {"docs/en/index.md": home(title='""')},
        ["docs/en/index.md:2: 'title' is empty. Write a value after 'title:'."],
        id="empty-title"),
    pytest.param(
        {"docs/en/index.md": home(audience="parents")},
        ["docs/en/index.md:5: 'audience' should be a list of audience ids, but it is "
         "'parents'. Change the value of 'audience' (who the page is for, for example "
         "'audience: [parents, educators]')."],
        id="audience-not-a-list"),
    pytest.param(
        {"docs/en/index.md": home(type="topc")},
        ["docs/en/index.md:4: the page type 'topc' does not exist (did you mean 'topic'?). "
         f"Use one of: {PAGE_TYPES}."],
        id="unknown-page-type"),
    pytest.param(
        {"docs/en/index.md": home(extra="titel: Welcome\n")},
        ["docs/en/index.md:8: 'titel' is not a front matter key for a 'home' page (did you "
         f"mean 'title'?). Remove it or correct its spelling. Allowed keys: {COMMON_KEYS}."],
        id="unknown-key"),
    # ---- both languages
    pytest.param(
        {"docs/en/topics/grief.md": page("Grief", type="topic", extra="topic: anxiety\n")},
        ["docs/en/topics/grief.md:1: this page has no 'fr' (Français) version "
         "(docs/fr/topics/grief.md does not exist). Run 'smhsite translate "
         "docs/en/topics/grief.md': it writes docs/fr/topics/grief.md with this page's front "
         "matter and its text marked for translation. Or remove this page."],
        id="french-page-missing"),
    pytest.param(
        {"docs/fr/topics/deuil.md": page("Deuil", type="topic", extra="topic: anxiety\n")},
        ["docs/fr/topics/deuil.md:1: this page has no 'en' (English) version "
         "(docs/en/topics/deuil.md does not exist). Run 'smhsite translate "
         "docs/fr/topics/deuil.md': it writes docs/en/topics/deuil.md with this page's front "
         "matter and its text marked for translation. Or remove this page."],
        id="english-page-missing"),
    pytest.param(
        {"docs/en/topics/anxiety.md": page("Anxiety", type="topic", extra="topic: anxiety\n"),
         "docs/fr/topics/anxiety.md": page("Anxiété", type="topic", extra="topic: grief\n")},
        ["docs/fr/topics/anxiety.md:8: 'topic' is 'grief' here but 'anxiety' in "
         "docs/en/topics/anxiety.md. Ids are the same in both languages: make 'topic' "
         "identical in both files."],
        id="facets-differ"),
    pytest.param(
        {"docs/fr/index.md": page("Home", type="home")},
        ["docs/fr/index.md:2: warning: the title 'Home' is identical to the English title. "
         "Translate the title, or ignore this warning if the title really is the same in both "
         "languages."],
        id="title-identical-warning"),
    # ---- review dates
    pytest.param(
        {"docs/en/index.md": home(last_reviewed="2026-13-01")},
        ["docs/en/index.md:6: 'last_reviewed' is '2026-13-01', which is not a date. Write the "
         "date as YYYY-MM-DD, for example 2026-11-01."],
        id="bad-date"),
    # A page and its translation share their dates: each mistake is made in both files.
    # Far ahead, so that the same case is in the future for the check and build tests, which
    # run on the day they run.
    pytest.param(
        both_homes(last_reviewed="2098-12-01"),
        [f"docs/{lang}/index.md:6: last_reviewed 2098-12-01 is in the future. Set "
         "last_reviewed to the date the page was actually reviewed (today at the latest)."
         for lang in ("en", "fr")],
        id="last-reviewed-in-future"),
    pytest.param(
        both_homes(last_reviewed="2025-11-01", next_review="2026-11-01"),
        [f"docs/{lang}/index.md:7: warning: next_review 2026-11-01 is in the past: this page "
         "is due for review. Review the page, then set last_reviewed to today and next_review "
         "to a future date." for lang in ("en", "fr")],
        id="next-review-past-warning"),
    pytest.param(
        both_homes(last_reviewed="2026-11-01", next_review="2026-10-01"),
        [f"docs/{lang}/index.md:7: next_review 2026-10-01 is not after last_reviewed "
         "2026-11-01. Set next_review to a date after last_reviewed (usually one year later)."
         for lang in ("en", "fr")],
        id="next-review-before-last-reviewed"),
    # ---- links
    pytest.param(
        {"docs/en/index.md": home(body="Call someone: [get help](get-hlep.md).\n")},
        ["docs/en/index.md:10: the link to 'get-hlep.md' leads nowhere: docs/en/get-hlep.md "
         "does not exist. Correct the path; links are relative to this file and end in .md, "
         "like ../roles/parents.md."],
        id="broken-link"),
    pytest.param(
        {"docs/en/index.md": home(body="Intro.\n\nSee [the lines](get-help.md#call).\n"),
         "docs/en/get-help.md": page("Get help now", "## Call a helpline\n\n## Text a "
                                     "helpline\n", type="help")},
        ["docs/en/index.md:12: the link 'get-help.md#call' points to '#call', which is not a "
         "heading or id on that page. Use one of the page's anchors (call-a-helpline, "
         "text-a-helpline) or add '{#call}' after the heading you mean."],
        id="broken-anchor"),
    pytest.param(
        {"docs/en/index.md": home(body="See [anxiety](/topics/anxiety/).\n")},
        ["docs/en/index.md:10: the link '/topics/anxiety/' starts with '/', so it breaks in the "
         "preview and wherever the site is published under a sub-path. Link to the page's file "
         "with a relative path, like ../topics/anxiety.md."],
        id="site-absolute-link"),
    pytest.param(
        {"docs/en/index.md": home(body="See [privacy](https://smh.example.org/privacy/).\n")},
        ["docs/en/index.md:10: the link 'https://smh.example.org/privacy/' writes out this "
         "site's own address, so it leaves the preview and the page's language. Link to the "
         "page's file with a relative path, like ../topics/anxiety.md."],
        id="own-domain-link"),
    pytest.param(
        {"docs/en/index.md": home(body="See [privacy][p].\n\n[p]: privcy.md\n")},
        ["docs/en/index.md:12: the link to 'privcy.md' leads nowhere: docs/en/privcy.md does "
         "not exist. Correct the path; links are relative to this file and end in .md, like "
         "../roles/parents.md."],
        id="broken-reference-link"),
    pytest.param(
        {"docs/en/index.md": home(body="![A calm room](images/room.png)\n")},
        ["docs/en/index.md:10: the image 'images/room.png' is missing: docs/en/images/room.png "
         "does not exist. Put the image at that path, or correct the path; images are relative "
         "to this file, like images/photo.jpg."],
        id="missing-image"),
    pytest.param(
        {"docs/en/index.md": home(body='<p>See <a href="privcy.md">privacy</a>.</p>\n')},
        ["docs/en/index.md:10: the link to 'privcy.md' leads nowhere: docs/en/privcy.md does "
         "not exist. Correct the path; links are relative to this file and end in .md, like "
         "../roles/parents.md."],
        id="broken-link-in-html"),
    pytest.param(
        {"docs/en/notes.markdown": page("Notes"), "docs/fr/notes.markdown": page("Notes fr")},
        [f"docs/{lang}/notes.markdown: pages end in .md, so this file would be left out of the "
         "site's checks. Rename it to notes.md." for lang in ("en", "fr")],
        id="markdown-extension"),
    # ---- page text
    pytest.param(
        {"docs/en/index.md": home(body="# Welcome\n\nSome text.\n")},
        ["docs/en/index.md:10: the page text starts a level-1 heading '# Welcome'. The title "
         "from the front matter is already the page's heading: use '## ' for sections."],
        id="h1-in-body"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", "Bienvenue.\n\n!!! note\n    Un rappel.\n",
                                  type="home")},
        ["docs/fr/index.md:12: the 'note' box has no title, so it would show the English word "
         "'Note' on a French page. Give it a French title in quotes, like !!! note "
         "\"Remarque\"."],
        id="untitled-admonition-french"),
    pytest.param(
        {"docs/en/index.md": home(body="Welcome.\n\nTODO: add the school year calendar.\n")},
        [f"docs/en/index.md:12: the placeholder 'TODO' is still here. {PLACEHOLDER_FIX}"],
        id="todo-in-text"),
    pytest.param(
        {"docs/en/index.md": home(description='"TODO: describe the site"')},
        ["docs/en/index.md:3: 'description' still holds the placeholder 'TODO'. Write one "
         "sentence saying what the page offers; search results and link previews show it."],
        id="todo-in-front-matter"),
    *[pytest.param(
        {"docs/fr/index.md": page("Accueil", f"Bienvenue.\n\n{text}\n\n```\nTODO in code\n```\n",
                                  type="home")},
        [f"docs/fr/index.md:12: the placeholder '{marker}' is still here. {PLACEHOLDER_FIX}"],
        id=f"marker-{marker}") for text, marker in [
            ("TODO traduire", "TODO"), ("TODO : traduire ce paragraphe", "TODO"),
            ("Todo: translate", "Todo"), ("À faire", "À faire"), ("TBD", "TBD"),
            ("Paragraphe à traduire.", "à traduire"), ("[À FAIRE] la suite", "À FAIRE"),
            ("Une chose `TODO` en code, puis tbd.", "tbd")]],
    pytest.param(
        {"docs/notes.md": page("Notes")},
        ["docs/notes.md:1: pages must live inside docs/en/ or docs/fr/. Move this file into "
         "docs/en/ and add its French version in docs/fr/ at the same path."],
        id="markdown-directly-under-docs"),
    # ---- resources
    pytest.param(
        {"docs/en/resources/plan.md": resource(
            "A plan", "external_url: https://example.org/plan\n"),
         "docs/fr/resources/plan.md": resource(
            "Un plan", "external_url: https://example.org/plan\nexternal_language: en\n")},
        ["docs/en/resources/plan.md:13: the link https://example.org/plan has no "
         "external_language. Add 'external_language:' with the language of the linked site, "
         "like 'external_language: en' or 'external_language: [en, fr]'; pages in other "
         "languages tell readers the site is not in theirs."],
        id="external-url-without-language"),
    pytest.param(
        {"docs/en/resources/plan.md": resource("A plan", "download: files/plan.pdf\n"),
         "docs/fr/resources/plan.md": resource("Un plan", "download: files/plan.pdf\n"),
         "docs/fr/resources/files/plan.pdf": "%PDF-1.4\n"},
        ["docs/en/resources/plan.md:13: the download 'files/plan.pdf' does not exist "
         "(docs/en/resources/files/plan.pdf). Put the file at that path, next to the page's "
         "folder, or correct 'download:'."],
        id="download-missing"),
    pytest.param(
        {"docs/fr/index.md": page("Accueil", type="home", last_reviewed="2026-10-01")},
        ["docs/fr/index.md:6: 'last_reviewed' is 2026-10-01 here but 2026-11-01 in "
         "docs/en/index.md. A page and its translations are reviewed together: give "
         "'last_reviewed' the same date in every language."],
        id="translation-dates-differ"),
    # ---- data files
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES + CRISIS_LINES.removeprefix("lines:\n")},
        ["data/crisis_lines.yml:18: lines 'kids-help-phone' is listed twice. Remove the "
         "repeated entry."],
        id="crisis-line-id-twice"),
    pytest.param(
        {"data/ui.yml": "\n".join(line for line in UI_TEXT.splitlines()
                                  if not line.startswith("hub_more:")
                                  and "plus de ressources" not in line
                                  and "Show more resources" not in line)
         + "\n"},
        ["data/ui.yml: the interface text 'hub_more' is missing. Add 'hub_more:' with its text "
         "under each language code (en, fr); the templates show it."],
        id="ui-string-deleted"),
    pytest.param(
        {"data/ui.yml": UI_TEXT.replace('fr: "Lecture : {minutes} min"',
                                        'fr: "Lecture : {minute} min"')},
        [f"data/ui.yml:{UI_LINE['reading_time'] + 2}: the 'fr' text of 'reading_time' has the "
         "placeholders {minute}, but the 'en' text has {minutes}. Use the same placeholder "
         "names in every language (translate the words around them, never the names between "
         "braces).",
         f"data/ui.yml:{UI_LINE['reading_time'] + 2}: the 'fr' text of 'reading_time' uses "
         "'{minute}', which the site does not fill in here. Use only {minutes} between braces, "
         "or none; translate the words around them, never the names."],
        id="ui-placeholder-renamed"),
    pytest.param(
        {"data/taxonomy.yml": TAXONOMY.replace(", fr: Deuil et perte}", "}")},
        ["data/taxonomy.yml:10: topics entry 'grief' has no 'fr' (Français) label. Add "
         "'fr: <label>' "
         "under this entry."],
        id="taxonomy-entry-without-french-label"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace('"+18006686868"', '"1-800-668-6868"')},
        [f"data/crisis_lines.yml:13: '1-800-668-6868' is not a number the site can dial. "
         f"{NUMBER_FIX}"],
        id="crisis-malformed-number"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace('"+18006686868"', '"811"')
         .replace("1-800-668-6868", '"811"').replace("1 800 668-6868", '"811"')},
        [f"data/crisis_lines.yml:13: '811' is not a number the site can dial. {NUMBER_FIX}"],
        id="crisis-short-code-not-allowed"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace('"+18006686868"', "+18006686868")},
        [f"data/crisis_lines.yml:13: '18006686868' is not a number the site can dial. "
         f"{NUMBER_FIX}"],
        id="crisis-number-not-quoted"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace("last_verified:", "last_verifed:")},
        ["data/crisis_lines.yml:2: 'lines.0.last_verified' is missing. Add 'last_verified:' to "
         "the entry that starts on this line.",
         "data/crisis_lines.yml:17: 'last_verifed' is not a key this entry can have (did you "
         "mean 'last_verified'?). Remove it or correct its spelling. Allowed keys: call, hours, "
         "id, last_verified, name, serves, text, website."],
        id="crisis-key-misspelled"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace("      fr: Jeunesse, J'écoute\n", "")},
        ["data/crisis_lines.yml:3: 'name' of 'kids-help-phone' has no 'fr' (Français) text. "
         "Add 'fr: <text>' under 'name:'; visitors read the site in every language."],
        id="crisis-line-without-french-name"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace("2026-11-01", "2026-05-01")},
        ["data/crisis_lines.yml:17: warning: the helpline 'kids-help-phone' was last verified "
         "on 2026-05-01, 205 days ago (the limit is 180). Call or check the line's website, "
         "correct anything that changed, then set last_verified to today."],
        id="crisis-line-not-verified-for-180-days-warning"),
    pytest.param(
        {"data/crisis_lines.yml": CRISIS_LINES.replace("1 800 668-6868", "1 800 668-6886")},
        ["data/crisis_lines.yml:16: the 'fr' display '1 800 668-6886' does not show the number "
         "+18006686868. Make the display show the same digits as 'number', so the number "
         "people read is the one their phone dials."],
        id="crisis-display-does-not-match-number"),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_check_names_file_line_problem_and_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               files: dict[str, str | bytes],
                                               expected: list[str]) -> None:
    site = make_site(tmp_path, {"data/crisis_lines.yml": CRISIS_LINES,
                                "data/taxonomy.yml": TAXONOMY, **files})
    code, lines = check(site.root, capsys)
    assert lines[:-1] == expected
    assert SUMMARY.fullmatch(lines[-1])
    assert code == 1


# ------------------------------------------------------------------ the whole run


def test_summary_counts_errors_warnings_and_pages(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {
        "docs/en/index.md": home(body="# Welcome\n"),
        "docs/fr/index.md": page("Home", type="home")})
    _, lines = check(site.root, capsys)
    assert lines[-1] == (f"1 error(s), 1 warning(s) in {len(minimal_pages())} page(s). Fix each "
                         "line above; the build stops on any of them")


def test_clean_site_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    code, lines = check(site.root, capsys)
    assert lines == [f"{len(minimal_pages())} page(s) checked, no problems. The site is ready "
                     "to build"]
    assert code == 0


def test_all_problems_in_one_run_sorted_by_path_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Four mistakes in three files. The checker finds the broken link (line 12) before the
    # heading (line 10); the editor reads them sorted by path, then line.
    site = make_site(tmp_path, {
        "docs/fr/get-help.md": page("Obtenir de l'aide", "!!! warning\n    Texte.\n",
                                    type="help"),
        "docs/en/index.md": home(body="# Welcome\n\nSee [help](help.md).\n"),
        "data/crisis_lines.yml": CRISIS_LINES.replace("fr: Jeunesse, J'écoute", "fr:"),
    })
    code, lines = check(site.root, capsys)
    assert lines[:-1] == [
        "data/crisis_lines.yml:3: 'name' of 'kids-help-phone' has no 'fr' (Français) text. "
        "Add 'fr: <text>' under 'name:'; visitors read the site in every language.",
        "docs/en/index.md:10: the page text starts a level-1 heading '# Welcome'. The title "
        "from the front matter is already the page's heading: use '## ' for sections.",
        "docs/en/index.md:12: the link to 'help.md' leads nowhere: docs/en/help.md does not "
        "exist. Correct the path; links are relative to this file and end in .md, like "
        "../roles/parents.md.",
        "docs/fr/get-help.md:10: the 'warning' box has no title, so it would show the English "
        "word 'Warning' on a French page. Give it a French title in quotes, like !!! warning "
        "\"Remarque\".",
    ]
    assert code == 1


def test_a_mistake_in_both_languages_is_reported_once_per_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The French audience differs from the English one: the French file is named, once; the
    # English file, which is right, is not.
    site = make_site(tmp_path, {"docs/fr/index.md": page("Accueil", type="home",
                                                         audience="[parents]")})
    code, lines = check(site.root, capsys)
    assert lines[:-1] == [
        f"docs/fr/index.md:5: 'audience' is [parents] here but [{AUDIENCES}] in "
        "docs/en/index.md. Ids are the same in both languages: make 'audience' identical in "
        "both files."]
    assert code == 1


def test_json_output_gives_each_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {"docs/en/index.md": home(type="topc")})
    code, lines = check(site.root, capsys, "--format", "json")
    assert json.loads("\n".join(lines)) == [{
        "path": "docs/en/index.md",
        "line": 4,
        "code": "unknown-page-type",
        "severity": "error",
        "message": "the page type 'topc' does not exist (did you mean 'topic'?)",
        "fix": f"Use one of: {PAGE_TYPES}.",
    }]
    assert code == 1


def test_json_output_marks_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {"docs/fr/index.md": page("Home", type="home")})
    code, lines = check(site.root, capsys, "--format", "json")
    [problem] = json.loads("\n".join(lines))
    assert (problem["path"], problem["line"], problem["code"], problem["severity"]) == (
        "docs/fr/index.md", 2, "untranslated-title", "warning")
    assert code == 1


# ------------------------------------------------------------------ unusual but fine


def test_byte_order_mark_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {
        "docs/en/index.md": "\ufeff" + home(body="Saved by an editor that adds a BOM.\n")})
    assert (site.root / "docs/en/index.md").read_bytes().startswith(b"\xef\xbb\xbf---")
    assert check(site.root, capsys)[0] == 0
    site.build()
    html = site.html("index.html")
    assert "Saved by an editor that adds a BOM." in html
    assert "title: Home" not in html


def test_windows_line_endings_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = page("Accueil", "Enregistré sous Windows.\n\n## Une section\n", type="home")
    site = make_site(tmp_path, {"docs/fr/index.md": text.replace("\n", "\r\n").encode()})
    assert b"\r\n" in (site.root / "docs/fr/index.md").read_bytes()
    assert check(site.root, capsys)[0] == 0
    site.build()
    html = site.html("fr/index.html")
    assert "Enregistré sous Windows." in html
    assert 'id="une-section"' in html


def test_accented_file_name_builds_and_links(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, {
        "docs/en/topics/élan.md": page("Drive and energy", "About drive.\n"),
        "docs/fr/topics/élan.md": page("Élan et énergie", "À propos de l'élan.\n"),
        "docs/en/index.md": home(body="Read about [drive](topics/élan.md).\n"),
        "docs/fr/index.md": page("Accueil", "Lire sur [l'élan](topics/élan.md).\n",
                                 type="home"),
    })
    assert check(site.root, capsys)[0] == 0
    site.build()
    assert "About drive." in site.html("topics/élan/index.html")
    assert "À propos de l'élan." in site.html("fr/topics/élan/index.html")
    assert 'href="topics/%C3%A9lan/"' in site.html("index.html")
    assert 'href="topics/%C3%A9lan/"' in site.html("fr/index.html")


def test_a_folder_named_like_a_page_is_a_folder(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Only files are pages: a folder called `plan.md` holds files, as any folder does."""
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'
    site = make_site(tmp_path, {
        "docs/en/files/plan.md/chart.svg": picture,
        "docs/fr/files/plan.md/chart.svg": picture,
        "docs/en/index.md": home(body="![The plan](files/plan.md/chart.svg)\n"),
        "docs/fr/index.md": page("Accueil", "![Le plan](files/plan.md/chart.svg)\n",
                                 type="home"),
    })
    code, lines = check(site.root, capsys)
    assert code == 0, lines
    assert "no problems" in lines[-1]
    site.build()
    assert (site.site / "files/plan.md/chart.svg").read_text(encoding="utf-8") == picture
    assert (site.site / "fr/files/plan.md/chart.svg").is_file()
