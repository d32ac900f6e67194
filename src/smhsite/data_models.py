"""Typed models of the editors' data files: the taxonomy, the interface text, the site's facts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from smhsite.values import Id, IdList, Strict, Translated

# Interface text is used as written: a separator may be a lone (non-breaking) space.
UiText = Annotated[str, StringConstraints(min_length=1)]


class Term(BaseModel):
    """A taxonomy entry: its id, and its label under each language code (en: Students)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: Translated = Field(init=False)

    id: Id

    @property
    def labels(self) -> dict[str, str]:
        return {lang: text for lang, text in (self.__pydantic_extra__ or {}).items() if text}

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.id)


class Taxonomy(Strict):
    audiences: list[Term]
    topics: list[Term]
    tiers: list[Term]
    pillars: list[Term]
    formats: list[Term]
    divisions: list[Term]
    # Where a learning pathway sits: awareness, literacy, expertise.
    stages: list[Term] = Field(default_factory=list)

    def ids(self, facet: str) -> list[str]:
        terms: list[Term] = getattr(self, facet)
        return [term.id for term in terms]

    def labels(self, lang: str) -> dict[str, dict[str, str]]:
        """facet -> id -> label in `lang`, for templates."""
        return {facet: {term.id: term.label(lang) for term in getattr(self, facet)}
                for facet in type(self).model_fields}


class AssessedElement(Term):
    """One thing a school or board rates itself on: its label under each language code, its
    group, and a sentence of guidance for each level, in each language."""

    group: Id
    guidance: dict[Id, Translated]


class SelfAssessment(Strict):
    """data/self_assessment.yml: the levels, the groups of elements, and the elements."""

    levels: Annotated[list[Term], Field(min_length=2)]
    groups: Annotated[list[Term], Field(min_length=1)]
    elements: Annotated[list[AssessedElement], Field(min_length=1)]


class UiStrings(BaseModel):
    """Interface text: key -> language code -> text."""

    strings: dict[str, dict[str, UiText]]

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: texts.get(lang, "") for key, texts in self.strings.items()}


PhoneDigits = Annotated[str, StringConstraints(pattern=r"^\d{1,8}$")]


class PhoneRules(Strict):
    """How helpline numbers are written where the site is used."""

    country_code: Annotated[str, StringConstraints(pattern=r"^[1-9]\d{0,2}$")]
    # Digits a national display may start with: "1" in North America (1-800-...), "0" in the
    # United Kingdom (0800 ...).
    trunk_prefix: Annotated[str, StringConstraints(pattern=r"^\d{0,2}$")] = ""
    # Numbers dialled as they are, without a country code (911, 988, 116 123).
    short_codes: list[PhoneDigits] = Field(default_factory=list)


class Spacing(Strict):
    """Where a language wants a no-break space: before `before` marks, after `after` marks, and
    before `closing` marks (the last two added when missing)."""

    before: str
    after: str = ""
    closing: str = ""


class SiteFacts(Strict):
    """Facts about the organisation and its region; the rules that use them live in the code."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    phone: PhoneRules
    # Resource facets visitors filter the hub by, in this order: front matter keys.
    hub_facets: Annotated[IdList, Field(min_length=1)]
    # Who a page made by `smhsite new` is for, until the editor says otherwise: audience ids.
    new_page_audience: Annotated[IdList, Field(min_length=1)]
    # Where "Exit this page" leads: a neutral local site that gives nothing away.
    quick_exit_url: HttpUrl
    # No-break spaces by language code, applied to every page: fr: {before: ":;?!»", ...}
    typography: dict[str, Spacing] = Field(default_factory=dict)
