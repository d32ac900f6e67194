"""The site's menu, from the pages themselves: folders are sections, front matter sets the order.

Editors add, rename or remove a page without touching any configuration: a page appears in the
menu of its folder, ordered by `nav_order` (then by title), and a folder's `index.md` names its
section (`nav_title`, or its title); a folder without one adds its pages to the level above.
Resources and the pages every page links to already (help, statements, search, the library)
stay out of the menu, which keeps every page small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from smhsite.catalogue import sort_key
from smhsite.rules import Page

# Page types reached another way: from the library, the header or every page's footer.
OUTSIDE_THE_MENU = frozenset({"resource", "hub", "library-index", "search", "help", "statement"})
LAST = 10_000  # where a page without nav_order goes, by title


@dataclass
class NavNode:
    title: str
    rel: str | None = None  # the page (a section's index page) this entry opens, if any
    children: list[NavNode] = field(default_factory=list)
    order: tuple[int, str] = (LAST, "")
    folder: bool = False

    @property
    def is_section(self) -> bool:
        return self.folder


def menu(pages: list[Page], lang: str) -> list[NavNode]:
    """The menu of one language: the home page first, then sections and pages in order."""
    root = NavNode(title="")
    folders: dict[str, NavNode] = {"": root}
    mine = sorted((p for p in pages if p.source.lang == lang
                   and p.meta.type not in OUTSIDE_THE_MENU),
                  key=lambda p: PurePosixPath(p.source.rel).parts)
    for page in mine:
        path = PurePosixPath(page.source.rel)
        folder = "/".join(path.parts[:-1])
        parent = _folder(folders, folder)
        order = (page.meta.nav_order if page.meta.nav_order is not None else LAST,
                 sort_key(page.meta.title))
        if path.stem == "index":
            parent.rel = page.source.rel
            parent.title = page.meta.nav_title or page.meta.title
            parent.order = (order[0], sort_key(parent.title)) if folder else (-1, "")
        else:
            parent.children.append(NavNode(page.meta.title, page.source.rel, order=order))
    _flatten_unnamed(root)
    _sort(root)
    home = [NavNode(root.title, root.rel, order=(-1, ""))] if root.rel else []
    return home + root.children


def _flatten_unnamed(node: NavNode) -> None:
    """A folder without index.md has no name in the visitor's language: its pages join the
    level above instead of a section titled with the folder's name."""
    children: list[NavNode] = []
    for child in node.children:
        _flatten_unnamed(child)
        children += child.children if child.is_section and child.rel is None else [child]
    node.children = children


def _folder(folders: dict[str, NavNode], folder: str) -> NavNode:
    if folder not in folders:
        parent = _folder(folders, "/".join(folder.split("/")[:-1]) if "/" in folder else "")
        node = NavNode(title=folder.split("/")[-1], folder=True)
        folders[folder] = node
        parent.children.append(node)
    return folders[folder]


def _sort(node: NavNode) -> None:
    node.children.sort(key=lambda child: child.order)
    for child in node.children:
        _sort(child)
