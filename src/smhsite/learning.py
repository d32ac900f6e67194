"""Learning pathways as templates show them: each pathway's modules in order, and each
module's place in its pathway. A module's id is its path without the language
(learn/all-staff/01-what-is-mental-health), so progress saved in one language shows in all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from smhsite.data_models import SelfAssessment
from smhsite.page_models import ModulePage, PathwayPage
from smhsite.rules import Page

# Pages whose tools save in the browser: each shows where that goes and how to take it away.
LEARNING_TYPES = frozenset({"learning", "pathway", "module", "learning-record",
                            "reflection-logs", "self-assessment"})


@dataclass(frozen=True)
class ModuleLink:
    id: str
    title: str
    description: str
    url: str  # relative to the site root: fr/learn/all-staff/01-what-is-mental-health/
    minutes: int


@dataclass
class Pathway:
    id: str  # learn/all-staff
    title: str
    description: str
    url: str
    stage: str  # the stage's label
    modules: list[ModuleLink] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


@dataclass(frozen=True)
class ModulePlace:
    """Where a module sits in its pathway, for its page."""

    id: str
    pathway: Pathway
    position: int  # from 1
    previous: ModuleLink | None
    next: ModuleLink | None


@dataclass(frozen=True)
class Level:
    id: str
    label: str


@dataclass(frozen=True)
class Element:
    id: str
    label: str
    guidance: dict[str, str]  # level id -> sentence


@dataclass(frozen=True)
class ElementGroup:
    id: str
    label: str
    elements: list[Element]


@dataclass(frozen=True)
class Assessment:
    """The self-assessment in one language."""

    levels: list[Level]
    groups: list[ElementGroup]


def pathways(pages: Iterable[Page], lang: str, prefix: str, stages: dict[str, str],
             url_of: dict[str, str]) -> list[Pathway]:
    """Every pathway of one language, in menu order, with its modules in nav_order.

    `url_of`: page path under the language folder -> its address under the language root.
    """
    mine = [page for page in pages if page.source.lang == lang]
    found: dict[PurePosixPath, tuple[Page, Pathway]] = {}
    for page in mine:
        if isinstance(page.meta, PathwayPage):
            folder = PurePosixPath(page.source.rel).parent
            found[folder] = (page, Pathway(
                folder.as_posix(), page.meta.title, page.meta.description,
                prefix + url_of[page.source.rel], stages.get(page.meta.stage, page.meta.stage)))
    modules = sorted((p for p in mine if isinstance(p.meta, ModulePage)),
                     key=lambda p: (p.meta.nav_order if p.meta.nav_order is not None else 10_000,
                                    p.meta.title.casefold()))
    for page in modules:
        assert isinstance(page.meta, ModulePage)
        rel = PurePosixPath(page.source.rel)
        if rel.parent in found:
            found[rel.parent][1].modules.append(ModuleLink(
                rel.with_suffix("").as_posix(), page.meta.title, page.meta.description,
                prefix + url_of[page.source.rel], page.meta.minutes))
    ordered = sorted(found.values(), key=lambda item: (
        item[0].meta.nav_order if item[0].meta.nav_order is not None else 10_000,
        item[0].meta.title.casefold()))
    return [pathway for _, pathway in ordered]


def place_of(rel: str, all_pathways: list[Pathway]) -> ModulePlace | None:
    module_id = PurePosixPath(rel).with_suffix("").as_posix()
    for pathway in all_pathways:
        ids = [module.id for module in pathway.modules]
        if module_id in ids:
            index = ids.index(module_id)
            return ModulePlace(
                module_id, pathway, index + 1,
                pathway.modules[index - 1] if index > 0 else None,
                pathway.modules[index + 1] if index + 1 < len(ids) else None)
    return None


def assessment(data: SelfAssessment, lang: str) -> Assessment:
    levels = [Level(level.id, level.label(lang)) for level in data.levels]
    groups = [ElementGroup(group.id, group.label(lang), [
        Element(element.id, element.label(lang),
                {level: texts.get(lang) or "" for level, texts in element.guidance.items()})
        for element in data.elements if element.group == group.id]) for group in data.groups]
    return Assessment(levels, groups)
