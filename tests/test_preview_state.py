"""What the preview builds again after a save (smhsite.preview): every page of the site, the
pages of one language, or only the pages whose files changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import TinySite, page
from smhsite.check import check_site
from smhsite.preview import changed_parts, shared_state
from test_library_build import library

WATCHED = ["data", "mkdocs.yml", "overrides"]


def state(site: TinySite) -> dict[str, str] | None:
    checked = check_site(site.root)
    return None if checked.problems else shared_state(checked, site.root, "docs", WATCHED)


EDITS = [
    # (what the editor saves: a file's new text, (old, new) words replaced in it, or None for
    # the same text saved again; what is built again: None for every page, else the languages
    # all of whose pages are built again besides the saved file's)
    pytest.param({"docs/fr/topics/anxiety.md": page("Anxiété et stress", type="topic",
                                                    extra="topic: anxiety\n")},
                 {"fr"}, id="a-french-title"),
    pytest.param({"docs/en/topics/anxiety.md": page("Anxiety and stress", type="topic",
                                                    extra="topic: anxiety\n")},
                 {"en"}, id="an-english-title"),
    pytest.param({"docs/en/topics/anxiety.md": page("Anxiety", "Edited text.\n", type="topic",
                                                    extra="topic: anxiety\n")},
                 set(), id="a-body"),
    # Related resources are computed once, from the default language's facets.
    pytest.param({f"docs/{lang}/resources/worry-tips.md": (
        "audience: [parents]", "audience: [parents, students]") for lang in ("en", "fr")},
        None, id="facets-in-both-languages"),
    pytest.param({"data/ui.yml": None}, None, id="interface-text"),
    pytest.param({"docs/en/roles/new.md": page("New", type="role", extra="role: educators\n"),
                  "docs/fr/roles/new.md": page("Nouveau", type="role",
                                               extra="role: educators\n")},
                 None, id="a-new-page"),
]


@pytest.mark.parametrize(("edits", "rebuilt"), EDITS)
def test_a_save_rebuilds_what_shows_it(
        tmp_path: Path, edits: dict[str, str | tuple[str, str] | None],
        rebuilt: set[str] | None) -> None:
    site = library(tmp_path)
    before = state(site)
    assert before is not None
    for rel, edit in edits.items():
        if isinstance(edit, str):
            site.write(rel, edit)
            continue
        text = (site.root / rel).read_text(encoding="utf-8")
        if edit is not None:
            assert edit[0] in text
        site.write(rel, text + "\n" if edit is None else text.replace(*edit))
    assert changed_parts(before, state(site)) == rebuilt


def test_a_build_with_problems_and_the_one_after_rebuild_everything(tmp_path: Path) -> None:
    site = library(tmp_path)
    before = state(site)
    site.write("docs/fr/topics/anxiety.md", page("Anxiété", type="topic"))  # no topic
    broken = state(site)
    assert broken is None
    assert changed_parts(before, broken) is None
    site.write("docs/fr/topics/anxiety.md", page("Anxiété", type="topic",
                                                 extra="topic: anxiety\n"))
    assert changed_parts(broken, state(site)) is None
