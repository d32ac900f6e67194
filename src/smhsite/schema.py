"""Typed models of the front matter of each page type and of the data files."""

from __future__ import annotations

import datetime as dt
import difflib
import types
from functools import cache
from importlib import resources
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from smhsite.problems import Problem, templates
from smhsite.yamlfile import YamlDoc, describe

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- front matter


class FrontMatter(_Strict):
    """Keys every page has."""

    title: Text
    description: Text
    type: str
    audience: Annotated[list[Text], "audiences"]
    last_reviewed: dt.date
    next_review: dt.date
    content_warning: bool | Text | None = None
    quick_exit: bool = False

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


# YAML reads `tiers: [1, 2]` as numbers; ids are text.
IdList = Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
                   "ids"]


class ResourcePage(FrontMatter):
    """One item of the resource library."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    type: Literal["resource"]
    topics: Annotated[IdList, Field(min_length=1)]
    tiers: Annotated[IdList, Field(min_length=1)]
    pillars: Annotated[IdList, Field(min_length=1)]
    format: Text
    divisions: IdList = []
    time_needed: Annotated[int, Field(gt=0, le=600)]
    external_url: HttpUrl | None = None
    external_language: Literal["en", "fr", "en-fr"] | None = None
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


# ---------------------------------------------------------------- data files


class Term(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    en: Text
    fr: Text

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Taxonomy(_Strict):
    audiences: list[Term]
    topics: list[Term]
    tiers: list[Term]
    pillars: list[Term]
    formats: list[Term]
    divisions: list[Term]

    def ids(self, facet: str) -> list[str]:
        terms: list[Term] = getattr(self, facet)
        return [term.id for term in terms]

    def labels(self, lang: str) -> dict[str, dict[str, str]]:
        """facet -> id -> label in `lang`, for templates."""
        return {facet: {term.id: term.label(lang) for term in getattr(self, facet)}
                for facet in type(self).model_fields}


# Interface text is used as written: a separator may be a lone (non-breaking) space.
UiText = Annotated[str, StringConstraints(min_length=1)]


class UiString(_Strict):
    en: UiText
    fr: UiText


# ---------------------------------------------------------------- errors -> problems


@cache
def field_help() -> dict[str, dict[str, str]]:
    text = resources.files("smhsite").joinpath("fields.yml").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, str]] = yaml.safe_load(text)
    return loaded


def did_you_mean(value: object, choices: list[str]) -> str:
    matches = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _unwrap(annotation: Any) -> Any:
    """X from Annotated[X, ...] and from X | None."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model of the entry at `loc` inside `model` (lines.0 -> CrisisLine), else `model`."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return model
            annotation = field.annotation
        elif get_args(annotation):  # a list index or a mapping key: step into the items
            annotation = get_args(annotation)[-1]
        else:
            return model
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) \
        else model


def problems_from(error: ValidationError, doc: YamlDoc | None, path: str,
                  model: type[BaseModel], page_type: str = "") -> list[Problem]:
    """Turn pydantic's errors into editor messages, one per field, each on its line."""
    problems: list[Problem] = []
    helps = field_help()
    for item in error.errors():
        loc = tuple(item["loc"])
        field = _dotted(loc)
        top = str(loc[0]) if loc else ""
        help_for = helps.get(top, {})
        line = doc.line_of(loc, default=1) if doc else 1
        kind = item["type"]
        received = item.get("input")
        if kind in templates():
            # Our own validators raise errors named after a message code; a model-level one
            # names the key it is about in `at` ("display.fr"), so the message points at it.
            ctx = dict(item.get("ctx") or {})
            at = ctx.pop("at", None)
            if at and doc:
                line = doc.line_of((*loc, *str(at).split(".")), default=line)
            problems.append(Problem(path, line, kind, {"field": field, **ctx}))
        elif kind == "missing":
            parent_line = doc.line_of(loc[:-1], default=1) if doc and len(loc) > 1 else 1
            # Front matter keys have a hint each; a data file entry is named by its line.
            code = "missing-field" if page_type else "missing-data-key"
            problems.append(Problem(path, parent_line, code, {
                "field": field, "key": loc[-1] if loc else field,
                "hint": help_for.get("hint", "required")}))
        elif kind == "extra_forbidden":
            allowed = sorted(_model_at(model, loc[:-1]).model_fields)
            problems.append(Problem(path, line, "unknown-field" if page_type else
                                    "unknown-data-key", {
                "field": field, "key": loc[-1] if loc else field, "page_type": page_type,
                "suggestion": did_you_mean(loc[-1], allowed), "allowed": ", ".join(allowed)}))
        elif kind.startswith(("date_", "datetime_")):
            problems.append(Problem(path, line, "bad-date", {"field": field, "received": received}))
        elif kind in {"string_too_short", "too_short"} or received in (None, "", []):
            problems.append(Problem(path, line, "empty-value", {"field": field}))
        elif (kind.endswith("_type") or kind.endswith("_parsing") or kind == "literal_error") \
                and help_for:
            problems.append(Problem(path, line, "wrong-type", {
                "field": field, "expected": help_for.get("expected", item["msg"].lower()),
                "received": describe(received), "hint": help_for.get("hint", item["msg"])}))
        else:
            problems.append(Problem(path, line, "invalid-value", {
                "field": field, "received": describe(received), "detail": item["msg"]}))
    return problems


def validate_front_matter(meta: dict[str, Any], doc: YamlDoc | None,
                          path: str) -> tuple[FrontMatter | None, list[Problem]]:
    page_type = meta.get("type")
    if page_type is None:
        model: type[FrontMatter] = FrontMatter
    elif not isinstance(page_type, str) or page_type not in PAGE_TYPES:
        line = doc.line_of(("type",), default=1) if doc else 1
        allowed = sorted(PAGE_TYPES)
        return None, [Problem(path, line, "unknown-page-type", {
            "received": page_type, "suggestion": did_you_mean(page_type, allowed),
            "allowed": ", ".join(allowed)})]
    else:
        model = PAGE_TYPES[page_type]
    try:
        return model.model_validate(meta), []
    except ValidationError as err:
        return None, problems_from(err, doc, path, model, str(page_type or "?"))
