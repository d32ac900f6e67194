"""The menu comes from the pages: editors add, order and remove pages without configuration."""

from __future__ import annotations

import re
from pathlib import Path

from sitekit import TinySite, make_site, page
from smhsite.cli import main


def menu_of(site: TinySite, rel: str) -> list[str]:
    """The labels of the sidebar menu on a built page, in order."""
    html = site.html(rel)
    start = html.index('class="md-nav md-nav--primary"')
    nav = html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]
    return [" ".join(label.split()) for label in
            re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)]


def topic(title: str, order: int | None = None) -> str:
    extra = "topic: anxiety\n" + (f"nav_order: {order}\n" if order is not None else "")
    return page(title, type="topic", extra=extra)


def section(title: str, order: int, nav_title: str = "") -> str:
    extra = f"nav_order: {order}\n" + (f"nav_title: {nav_title}\n" if nav_title else "")
    return page(title, type="section", extra=extra)


def test_menu_follows_folders_order_and_section_titles(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "docs/en/topics/index.md": section("Learning topics", 2),
        "docs/fr/topics/index.md": section("Thèmes d'apprentissage", 2),
        "docs/en/topics/anxiety.md": topic("Anxiety", 2),
        "docs/fr/topics/anxiety.md": topic("Anxiété", 2),
        "docs/en/topics/literacy.md": topic("Mental health literacy", 1),
        "docs/fr/topics/literacy.md": topic("Littératie en santé mentale", 1),
        "docs/en/about/index.md": section("About the team", 1, nav_title="About"),
        "docs/fr/about/index.md": section("À propos de l'équipe", 1, nav_title="À propos"),
    })
    site.build()
    assert menu_of(site, "topics/anxiety/index.html") == [
        "Home", "About", "Learning topics", "Mental health literacy", "Anxiety"]
    assert menu_of(site, "fr/topics/anxiety/index.html") == [
        "Accueil", "À propos", "Thèmes d&#39;apprentissage", "Littératie en santé mentale",
        "Anxiété"]


def test_pages_outside_the_menu_stay_out(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.build()
    labels = menu_of(site, "index.html")
    assert labels == ["Home"]  # help, statements: reached from every page's header and footer


def test_a_folder_without_index_adds_its_pages_to_the_level_above(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "docs/en/guides/zebra.md": page("Zebra crossings"),
        "docs/fr/guides/zebra.md": page("Passages piétons"),
        "docs/en/guides/apple.md": page("Apples"),
        "docs/fr/guides/apple.md": page("Pommes"),
    })
    site.build()
    assert menu_of(site, "fr/index.html") == ["Accueil", "Passages piétons", "Pommes"]
    assert "guides" not in menu_of(site, "index.html")


def test_a_new_page_from_the_scaffold_builds_and_joins_the_menu(tmp_path: Path) -> None:
    """What the README tells editors: `smhsite new`, fill in the TODOs, check, build."""
    site = make_site(tmp_path, {
        "docs/en/topics/index.md": section("Learning topics", 1),
        "docs/fr/topics/index.md": section("Thèmes d'apprentissage", 1),
        "docs/en/topics/anxiety.md": topic("Anxiety", 1),
        "docs/fr/topics/anxiety.md": topic("Anxiété", 1),
    })
    assert main(["--root", str(site.root), "new", "topic", "topics/grief"]) == 0
    for lang, title, text in (("en", "Grief and loss", "When someone dies."),
                              ("fr", "Le deuil", "Quand quelqu'un meurt.")):
        file = site.root / f"docs/{lang}/topics/grief.md"
        filled = re.sub(r'title: "TODO[^"]*"', f"title: {title}", file.read_text("utf-8"))
        filled = re.sub(r'description: "TODO[^"]*"', "description: What helps.", filled)
        filled = filled.replace("topic: TODO", "topic: anxiety")
        filled = re.sub(r"\nTODO[^\n]*\n", f"\n{text}\n", filled)
        file.write_text(filled, encoding="utf-8")
    assert main(["--root", str(site.root), "check"]) == 0
    site.build()
    assert menu_of(site, "topics/grief/index.html") == [
        "Home", "Learning topics", "Anxiety", "Grief and loss"]
    assert "Le deuil" in menu_of(site, "fr/topics/anxiety/index.html")
