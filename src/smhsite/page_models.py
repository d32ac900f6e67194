"""Typed front matter: the keys every page has, and those of each page type."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, HttpUrl, model_validator
from pydantic_core import PydanticCustomError

from smhsite.values import IdList, LanguageCode, Strict, Text


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class FrontMatter(Strict):
    """Keys every page has."""

    title: Text
    description: Text
    type: str
    audience: Annotated[list[Text], "audiences"]
    last_reviewed: dt.date
    next_review: dt.date
    content_warning: bool | Text | None = None
    quick_exit: bool = False
    # The menu: a page's place among its folder's pages (then by title), and, on a folder's
    # index.md, the section's label in the menu when it differs from the title.
    nav_order: Annotated[int, Field(ge=0, le=999)] | None = None
    nav_title: Text | None = None

    # Front matter keys whose values are taxonomy ids: key -> taxonomy facet.
    facets: ClassVar[dict[str, str]] = {"audience": "audiences"}


class HomePage(FrontMatter):
    type: Literal["home"]


class SectionPage(FrontMatter):
    type: Literal["section"]


class AboutPage(FrontMatter):
    type: Literal["about"]


class FrameworkPage(FrontMatter):
    type: Literal["framework"]


class TiersPage(FrontMatter):
    type: Literal["tiers"]


class CaseStudyPage(FrontMatter):
    type: Literal["case-study"]


class StatementPage(FrontMatter):
    type: Literal["statement"]


class HelpPage(FrontMatter):
    type: Literal["help"]


class HubPage(FrontMatter):
    type: Literal["hub"]


class SearchPage(FrontMatter):
    type: Literal["search"]


class LibraryIndexPage(FrontMatter):
    """Every resource, A to Z: the complete list that needs no JavaScript."""

    type: Literal["library-index"]


class RolePage(FrontMatter):
    type: Literal["role"]
    role: Text
    facets: ClassVar[dict[str, str]] = {"audience": "audiences", "role": "audiences"}


class PillarPage(FrontMatter):
    type: Literal["pillar"]
    pillar: Text
    facets: ClassVar[dict[str, str]] = {"audience": "audiences", "pillar": "pillars"}


class TopicPage(FrontMatter):
    type: Literal["topic"]
    topic: Text
    facets: ClassVar[dict[str, str]] = {"audience": "audiences", "topic": "topics"}


class ResourcePage(FrontMatter):
    """One item of the resource library."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    type: Literal["resource"]
    topics: Annotated[IdList, Field(min_length=1)]
    tiers: Annotated[IdList, Field(min_length=1)]
    pillars: Annotated[IdList, Field(min_length=1)]
    format: Text
    divisions: IdList = Field(default_factory=list)
    time_needed: Annotated[int, Field(gt=0, le=600)]
    external_url: HttpUrl | None = None
    # The language(s) of the linked site: a code or a list, such as en or [en, fr].
    external_language: Annotated[list[LanguageCode], BeforeValidator(_as_list)] | None = None
    download: Text | None = None

    facets: ClassVar[dict[str, str]] = {
        "audience": "audiences", "topics": "topics", "tiers": "tiers", "pillars": "pillars",
        "format": "formats", "divisions": "divisions"}

    @model_validator(mode="after")
    def _external_language_given(self) -> ResourcePage:
        if self.external_url is not None and self.external_language is None:
            raise PydanticCustomError("resource-external-language", "language of the target",
                                      {"url": str(self.external_url), "at": "external_url"})
        return self


PAGE_TYPES: dict[str, type[FrontMatter]] = {
    "home": HomePage,
    "section": SectionPage,
    "about": AboutPage,
    "framework": FrameworkPage,
    "tiers": TiersPage,
    "role": RolePage,
    "pillar": PillarPage,
    "topic": TopicPage,
    "case-study": CaseStudyPage,
    "statement": StatementPage,
    "help": HelpPage,
    "hub": HubPage,
    "search": SearchPage,
    "library-index": LibraryIndexPage,
    "resource": ResourcePage,
}
