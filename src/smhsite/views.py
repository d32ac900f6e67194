"""What templates receive: typed views of the site and of each page, in one language.

Built from the checked site (`SiteCheck`) once per build; templates read attributes of these
objects, never raw front matter.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from smhsite.addresses import page_url
from smhsite.catalogue import (
    Card,
    Catalogue,
    Download,
    Resource,
    a_to_z,
    build_catalogue,
    grouped,
    related,
)
from smhsite.check import SiteCheck
from smhsite.crisis import Helpline
from smhsite.languages import Languages
from smhsite.learning import Assessment, ModulePlace, Pathway, assessment, pathways, place_of
from smhsite.markdown_scan import word_count
from smhsite.page_models import FrontMatter, ResourcePage
from smhsite.present import format_date, reading_minutes
from smhsite.typography import Spacing


@dataclass(frozen=True)
class LanguageView:
    code: str
    name: str  # in the language itself
    prefix: str  # "" or "fr/"


@dataclass(frozen=True)
class Alternate:
    lang: str  # a language code, or "x-default"
    href: str  # absolute


@dataclass(frozen=True)
class Listing:
    """Resources of a role or topic page, grouped by tier or by format."""

    kind: str  # "tiers" | "formats"
    groups: list[tuple[str, str, list[Card]]]  # (group id, label, cards)


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # relative to the site root: fr/roles/


@dataclass
class PageView:
    """One page, in its language, as the templates show it."""

    type: str
    lang: str
    meta: FrontMatter
    last_reviewed: str  # formatted for the page's language
    last_reviewed_iso: str
    next_review: str
    next_review_iso: str
    alternates: list[Alternate] = field(default_factory=list)
    # The pages above this one, from the home page down: the index.md of each folder it is in.
    breadcrumbs: list[Crumb] = field(default_factory=list)
    reading_minutes: int | None = None
    listing: Listing | None = None
    a_to_z: list[tuple[str, list[Card]]] = field(default_factory=list)
    resource: Card | None = None
    related: list[Card] = field(default_factory=list)
    # Learning: the pathways (learning home, record), a pathway, a module's place in its own.
    pathways: list[Pathway] = field(default_factory=list)
    pathway: Pathway | None = None
    module: ModulePlace | None = None
    assessment: Assessment | None = None

    @property
    def content_warning(self) -> bool | str | None:
        return self.meta.content_warning

    @property
    def quick_exit(self) -> bool:
        return self.meta.quick_exit


@dataclass
class LanguageSite:
    """Everything the templates of one language share."""

    lang: str
    prefix: str
    languages: list[LanguageView]
    ui: dict[str, str]
    ui_all: dict[str, dict[str, str]]
    labels: dict[str, dict[str, str]]  # facet -> id -> label
    crisis: list[Helpline]
    crisis_all: dict[str, list[Helpline]]
    catalogue: Catalogue | None


class SiteViews:
    """Views of a checked site, computed once per build and shared by every language pass."""

    def __init__(self, site: SiteCheck, docs_dir: Path, site_url: str) -> None:
        assert site.languages is not None and site.ui is not None  # checked before
        self.site = site
        self.languages: Languages = site.languages
        self.docs_dir = docs_dir
        self.site_url = site_url
        self.host = urlsplit(site_url).hostname or ""
        self.pages = {(p.source.lang, p.source.rel): p for p in site.pages}
        self._by_language: dict[str, LanguageSite] = {}
        self._pathways: dict[str, list[Pathway]] = {}
        # Each language's no-break space rules, applied to every page it writes.
        self.typography = {code: Spacing(rule.before, rule.after, rule.closing)
                           for code, rule in site.facts.typography.items()} if site.facts else {}
        self.resources = {lang: self._resources(lang) for lang in self.languages}
        # Facets are the same in every language, so related resources are computed once.
        self.related = related(self.resources[self.languages.default])
        # What every language's pages show of the others (the 404 page, language links).
        self.ui_all = {code: site.ui.for_language(code) for code in self.languages}
        self.crisis_all = {code: site.crisis.views(code) if site.crisis else []
                           for code in self.languages}

    def _resources(self, lang: str) -> list[Resource]:
        result = []
        for (page_lang, rel), page in self.pages.items():
            if page_lang == lang and isinstance(page.meta, ResourcePage):
                result.append(Resource(PurePosixPath(rel).stem, page.meta,
                                       self._download(lang, rel, page.meta.download)))
        return result

    def _download(self, lang: str, rel: str, target: str | None) -> Download | None:
        if not target:
            return None
        site_path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
        file = self.docs_dir / lang / site_path
        return Download(extension=file.suffix.lstrip(".").lower(),
                        size_bytes=file.stat().st_size, site_path=site_path)

    def language(self, lang: str) -> LanguageSite:
        if lang not in self._by_language:
            self._by_language[lang] = self._language_site(lang)
        return self._by_language[lang]

    def _language_site(self, lang: str) -> LanguageSite:
        site = self.site
        assert site.taxonomy is not None and site.facts is not None
        return LanguageSite(
            lang=lang,
            prefix=self.languages.prefix(lang),
            languages=[LanguageView(code, self.languages.name(code), self.languages.prefix(code))
                       for code in self.languages],
            ui=self.ui_all[lang], ui_all=self.ui_all,
            labels=site.taxonomy.labels(lang),
            crisis=self.crisis_all[lang], crisis_all=self.crisis_all,
            catalogue=build_catalogue(self.resources[lang], site.taxonomy, lang,
                                      list(site.facts.hub_facets)))

    def page(self, lang: str, rel: str, markdown: str) -> PageView | None:
        page = self.pages.get((lang, rel))
        if page is None:
            return None
        meta = page.meta
        here = self.language(lang)
        view = PageView(
            type=meta.type, lang=lang, meta=meta,
            last_reviewed=format_date(meta.last_reviewed, here.ui),
            last_reviewed_iso=meta.last_reviewed.isoformat(),
            next_review=format_date(meta.next_review, here.ui),
            next_review_iso=meta.next_review.isoformat(),
            alternates=self._alternates(rel),
            breadcrumbs=self._breadcrumbs(lang, rel))
        catalogue = here.catalogue
        assert self.site.taxonomy is not None and catalogue is not None
        if meta.type == "topic":
            view.reading_minutes = reading_minutes(word_count(markdown))
            view.listing = Listing("formats", grouped(
                catalogue, "topics", str(getattr(meta, "topic", "")), "format",
                self.site.taxonomy))
        elif meta.type == "role":
            view.listing = Listing("tiers", grouped(
                catalogue, "audience", str(getattr(meta, "role", "")), "tiers",
                self.site.taxonomy))
        elif meta.type in ("learning", "learning-record"):
            view.pathways = self.pathways(lang)
        elif meta.type == "pathway":
            folder = PurePosixPath(rel).parent.as_posix()
            view.pathway = next((p for p in self.pathways(lang) if p.id == folder), None)
        elif meta.type == "module":
            view.module = place_of(rel, self.pathways(lang))
        elif meta.type == "self-assessment" and self.site.self_assessment is not None:
            view.assessment = assessment(self.site.self_assessment, lang)
        elif meta.type == "library-index":
            view.a_to_z = a_to_z(catalogue)
        elif meta.type == "resource":
            slug = PurePosixPath(rel).stem
            view.resource = catalogue.by_slug.get(slug)
            view.related = [catalogue.by_slug[s] for s in self.related.get(slug, [])
                            if s in catalogue.by_slug]
        return view

    def pathways(self, lang: str) -> list[Pathway]:
        if lang not in self._pathways:
            assert self.site.taxonomy is not None
            self._pathways[lang] = pathways(
                self.site.pages, lang, self.languages.prefix(lang),
                self.site.taxonomy.labels(lang).get("stages", {}),
                {rel: page_url(rel) for (page_lang, rel) in self.pages if page_lang == lang})
        return self._pathways[lang]

    def _breadcrumbs(self, lang: str, rel: str) -> list[Crumb]:
        path = PurePosixPath(rel)
        folders = list(reversed(path.parents))  # ".", "roles", ...
        if path.stem == "index":
            folders = folders[:-1]  # a folder's own index page is not above itself
        crumbs = []
        for folder in folders:
            index = (folder / "index.md").as_posix().removeprefix("./")
            page = self.pages.get((lang, index))
            if page is not None:
                title = (self.ui_all[lang]["breadcrumbs_home"] if folder.name == ""
                         else page.meta.nav_title or page.meta.title)
                crumbs.append(Crumb(title,
                                    self.languages.prefix(lang) + page_url(index)))
        return crumbs

    def _alternates(self, rel: str) -> list[Alternate]:
        """Absolute addresses of this page in every language, for hreflang links."""
        result = []
        for code in self.languages:
            if (code, rel) in self.pages:
                result.append(Alternate(code, self.site_url + self.languages.prefix(code)
                                        + page_url(rel)))
        default = next((a for a in result if a.lang == self.languages.default), None)
        if default:
            result.append(Alternate("x-default", default.href))
        return result

