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
    # Other values a translation keeps as they are: attribute -> the front matter key it is in.
    same_in_every_language: ClassVar[dict[str, str]] = {}


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


class LearningPage(FrontMatter):
    """The learning section's home: the pathways, and the tools that keep a record."""

    type: Literal["learning"]


class PathwayPage(FrontMatter):
    """A pathway: its modules are the module pages of its folder, in nav_order."""

    type: Literal["pathway"]
    stage: Text
    facets: ClassVar[dict[str, str]] = {"audience": "audiences", "stage": "stages"}


class SelfCheckQuestion(Strict):
    question: Text
    choices: Annotated[list[Text], Field(min_length=2, max_length=6)]
    answer: Annotated[int, Field(ge=1, le=6)]  # the right choice, counting from 1
    explanation: Text

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> SelfCheckQuestion:
        if self.answer > len(self.choices):
            raise PydanticCustomError("self-check-answer", "answer beyond the choices",
                                      {"answer": self.answer, "count": len(self.choices),
                                       "at": "answer"})
        return self


class ModulePage(FrontMatter):
    """One module of a pathway: objectives, time, content, then a self-check."""

    type: Literal["module"]
    minutes: Annotated[int, Field(gt=0, le=600)]
    objectives: Annotated[list[Text], Field(min_length=1)]
    self_check: Annotated[list[SelfCheckQuestion], Field(min_length=1)]
    same_in_every_language: ClassVar[dict[str, str]] = {
        "minutes": "minutes", "self_check_answers": "self_check"}

    @property
    def self_check_answers(self) -> list[str]:
        """Each question's right answer and number of choices: "3 of 3"."""
        return [f"{q.answer} of {len(q.choices)}" for q in self.self_check]


class LearningRecordPage(FrontMatter):
    type: Literal["learning-record"]


class ReflectionLogsPage(FrontMatter):
    type: Literal["reflection-logs"]


class SelfAssessmentPage(FrontMatter):
    type: Literal["self-assessment"]


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
    "learning": LearningPage,
    "pathway": PathwayPage,
    "module": ModulePage,
    "learning-record": LearningRecordPage,
    "reflection-logs": ReflectionLogsPage,
    "self-assessment": SelfAssessmentPage,
}
