"""The site's MkDocs plugin: check once, then hand the same typed site to every template.

Event order across the language passes of mkdocs-static-i18n (its own events run at -100):

- on_files (100, outer pass): the check; any error stops the build before anything is written.
  Then each other language's pass starts in a forked process (see parallel.py), unless the
  languages are built one after the other (`parallel: false`).
- on_config (-150, every pass): after static-i18n set the pass's language; the 404 page is
  rendered in the default language's pass only.
- on_env, on_page_context (every pass): the language's views, then each page's view.
- on_post_page, on_post_template (-1000, last): French typography, a Content-Security-Policy in
  each page that allows its own inline scripts by hash (not in the preview, whose reload script
  is injected later), and the crisis audit of the page as it is written.
- on_post_build (-50, outer pass): waits for the forked passes, then tells static-i18n that the
  other languages are built. (-200, outer pass): every language is on disk: the audit of any
  page not audited yet, the sitemap, the search index, then `_headers` (the policy with every
  page's hashes), `robots.txt` and `_redirects`.
"""

from __future__ import annotations

import gzip
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from smhsite.catalogue import HUB_FIRST_PAGE, sort_key
from smhsite.check import SiteCheck, check_site
from smhsite.crisis_audit import audit_page, audit_site
from smhsite.external_links import mark_external_links
from smhsite.host_rules import redirects_file
from smhsite.html_policy import sanitise
from smhsite.html_whitespace import squeeze
from smhsite.languages import Languages, site_url_problem
from smhsite.learning import LEARNING_TYPES
from smhsite.navigation import NavNode, menu
from smhsite.present import format_number, format_size
from smhsite.preview import changed_parts, shared_state
from smhsite.problems import Problem, errors, render_text, warnings
from smhsite.problems import sort_key as problem_order
from smhsite.security_headers import (
    content_security_policy,
    headers_file,
    immutable_paths,
    inline_script_hashes,
    insert_csp_meta,
    robots_txt,
)
from smhsite.sitemap import sitemap_xml
from smhsite.typography import typeset
from smhsite.views import SiteViews
from smhsite_mkdocs import parallel
from smhsite_mkdocs.config import SmhSiteConfig
from smhsite_mkdocs.fragments import SharedFragments
from smhsite_mkdocs.passes import (
    become_pass_of,
    built_languages,
    current_language,
    languages_of,
    other_languages_done,
    outer_pass,
)

log = logging.getLogger("mkdocs.plugins.smhsite")

NOT_FOUND = "404.html"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")  # written once, from the site model
PREVIEW_PROBLEMS = "smh-error.html"
_THEME_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


class SmhSitePlugin(BasePlugin[SmhSiteConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        # Kept across the rebuilds of `mkdocs serve` (the plugin has on_startup); everything
        # else is per build and set afresh in the outer pass.
        self.command = "build"
        self.views: SiteViews | None = None
        self.languages: Languages | None = None
        self.site_dir = ""
        # This process's share of the build: its pages' script hashes and crisis audit.
        self.written = parallel.PassResult()
        self.workers: list[parallel.Worker] = []  # the other languages' passes, when forked
        self.others_done = False  # the forked passes are over: this pass publishes the site
        # In the preview, problems are shown in the browser instead of stopping the server.
        self.preview_problems: list[Problem] = []
        self.compiled_templates = _CompiledTemplates()
        # `mkdocs serve --dirty` rebuilds only the pages whose files changed; the plugin makes
        # that correct by removing first the pages that show what else changed (preview.py).
        self.dirty = False
        self.shared_state: dict[str, str] | None = None
        self.build_started = 0.0
        self.root_not_found = ""  # the site root's 404 page, kept while other languages build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if dirty:  # MkDocs warns that dirty builds can be stale; here they are not
            logging.getLogger("mkdocs.commands.build").addFilter(_without_dirty_warning)

    # ------------------------------------------------------------------ before building

    @event_priority(-150)  # after static-i18n has set the language of this pass
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if outer_pass(config):
            self.views = None
            self.languages = languages_of(config)
            self.written = parallel.PassResult()
            self.workers = []
            self.others_done = False
            self.root_not_found = ""
            self.preview_problems = []
            problem = site_url_problem(config.site_url)
            if problem is not None:
                raise PluginError(str(problem))
        templates = config.theme.static_templates
        templates.difference_update(SITEMAPS)
        if self.languages is not None:  # each language has its 404 page (fr/404.html)
            if self.preview_problems:  # the preview shows its problem page instead
                templates.discard(NOT_FOUND)
            else:
                templates.add(NOT_FOUND)
        return config

    @event_priority(100)  # before static-i18n (-100) drops or falls back on missing pages
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not outer_pass(config):  # checked once, in the first pass
            return files
        root = Path(config.config_file_path).parent
        docs_dir = Path(config.docs_dir)
        site = check_site(root, docs_dir=docs_dir.relative_to(root).as_posix(),
                          languages=self.languages, site_url=str(config.site_url or ""))
        if self.dirty:
            self._remove_pages_to_build_again(site, root, docs_dir, config)
        if self.command == "serve" and site.problems:
            # The preview builds strictly too: every problem, warnings included, is shown in
            # the page the editor is looking at, which reloads once it is fixed.
            self.preview_problems = sorted(site.problems, key=problem_order)
            log.info("%s", render_text(self.preview_problems))
            config.theme.static_templates.discard(NOT_FOUND)
            return files
        for problem in sorted(warnings(site.problems), key=problem_order):
            log.warning(str(problem))
        found = errors(site.problems)
        if found:
            raise PluginError(render_text(found) + "\n" + str(Problem(
                "", None, "check-failed", {"count": len(found)})))
        self.views = SiteViews(site, docs_dir, str(config.site_url or "/"))
        if self._parallel_enabled():
            self.workers = [parallel.start(lang, partial(self._build_pass, config, lang))
                            for lang in built_languages(config)[1:]]
        return files

    def _build_pass(self, config: MkDocsConfig, lang: str) -> parallel.PassResult:
        """In a forked process: `lang`'s pass, as static-i18n's loop would run it."""
        become_pass_of(config, lang)
        self.workers = []
        # The parent cleaned the site folder before forking and is writing into it now.
        mkdocs_utils.clean_directory = _keep_directory
        mkdocs_build(config, dirty=self.dirty)
        return self.written

    def _remove_pages_to_build_again(self, site: SiteCheck, root: Path, docs_dir: Path,
                                     config: MkDocsConfig) -> None:
        # A build that shows problems rebuilds every page (each shows them), and so does the
        # build after it.
        state = None if site.problems else shared_state(
            site, root, docs_dir.relative_to(root).as_posix(),
            # each folder once: data/ is also among the folders the preview watches
            dict.fromkeys(["data", "mkdocs.yml",
                           *[Path(d).relative_to(root).as_posix() for d in config.watch
                             if Path(d).is_relative_to(root)]]))
        changed = changed_parts(self.shared_state, state)
        self.shared_state = state
        site_dir = Path(config.site_dir)
        if not site_dir.is_dir() or changed == set():
            return
        languages = self._ready_languages()
        if changed is None:  # every page
            for child in site_dir.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            return
        # The pages of the languages whose front matter changed: MkDocs builds a page again
        # when its file is missing. Another language's folder is not this language's.
        others = {languages.prefix(code).rstrip("/") for code in languages
                  if code not in changed and languages.prefix(code)}
        for code in changed & set(languages):
            folder = site_dir / languages.prefix(code)
            for html in folder.rglob("*.html"):
                if html.relative_to(folder).parts[0] not in others:
                    html.unlink()

    @event_priority(-150)  # after static-i18n has kept this language's pages
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The menu from the pages' folders and front matter (see smhsite.navigation)."""
        if self.preview_problems:
            return nav
        views, languages = self._ready()
        lang = current_language(config, languages)
        by_rel = {_rel(file.src_uri, languages): file.page
                  for file in files.documentation_pages() if file.page is not None}
        items = [_nav_item(node, by_rel) for node in menu(views.site.pages, lang)]
        pages = [page for item in items for page in _pages_of(item)]
        for page in nav.pages:  # pages left out of the menu keep no stale links
            page.parent = page.previous_page = page.next_page = None
        if self.dirty:  # pages not read again in this build keep their titles in the menu
            titles = {page.source.rel: page.meta.title for page in views.site.pages
                      if page.source.lang == lang}
            for rel, page in by_rel.items():
                if page.markdown is None and rel in titles:
                    page.markdown, page.meta = "", {"title": titles[rel]}
        result = Navigation(items, pages)
        _link_parents(items, None)
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None],
                                       strict=True):
            page.previous_page, page.next_page = before, after
        result.homepage = nav.homepage
        return result

    # ------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if self.preview_problems:
            page.meta["template"] = PREVIEW_PROBLEMS
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """The rendered Markdown, cleaned to the HTML policy (second line behind the check)."""
        return sanitise(html)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        # Every value printed by any template, ours and the theme's, is escaped unless it is
        # marked as HTML (Markup): page content after sanitising, and the theme's own fragments.
        env.autoescape = True
        env.add_extension(SharedFragments)
        env.template_class = _NamedTemplate
        # Templates compiled once for every language pass and, in the preview, every rebuild
        # (the cache is keyed by the template's source, so an edited template is compiled anew).
        env.bytecode_cache = self.compiled_templates
        if self.preview_problems:
            env.globals["smh_problems"] = [
                {"location": p.location, "text": str(p).removeprefix(f"{p.location}: ")}
                for p in self.preview_problems]
            return env
        views, languages = self._ready()
        here = views.language(current_language(config, languages))
        env.globals.update(
            smh_lang=here.lang, smh_prefix=here.prefix, smh_languages=here.languages,
            smh_prefixes={view.code: view.prefix for view in here.languages},
            smh_ui=here.ui, smh_ui_all=here.ui_all, smh_labels=here.labels,
            smh_crisis=here.crisis, smh_crisis_all=here.crisis_all,
            smh_catalogue=here.catalogue, smh_hub_first_page=HUB_FIRST_PAGE,
            smh_learning_types=sorted(LEARNING_TYPES),
            smh_typography=views.site.facts.typography.get(here.lang) if views.site.facts else None,
            smh_hub_facets=list(views.site.facts.hub_facets) if views.site.facts else [],
            smh_quick_exit_url=str(views.site.facts.quick_exit_url) if views.site.facts else "")
        env.filters.update(
            smh_size=lambda size: format_size(size, here.ui),
            smh_number=lambda number: format_number(number, here.ui),
            smh_sort_key=sort_key,
            smh_without_theme_alternates=lambda head: Markup(_THEME_ALTERNATE.sub("", head)))
        return env

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if self.preview_problems:
            return context
        views, languages = self._ready()
        lang = current_language(config, languages)
        rel = _rel(page.file.src_uri, languages)
        ui = views.language(lang).ui
        # The only HTML templates print as such: the sanitised page and its headings.
        page.content = Markup(mark_external_links(page.content or "", views.host,
                                                  ui["external_link_hint"]))
        stack = list(page.toc)
        while stack:
            item = stack.pop()
            item.title = Markup(item.title)
            stack.extend(item.children)
        if not page.toc:  # no contents to list: the page takes the contents column's width too
            page.meta["hide"] = ["toc"]
        view = views.page(lang, rel, page.markdown or "")
        context["smh_page"] = view  # type: ignore[typeddict-unknown-key]
        context["smh_shared"] = _shared_by_folder(page, view.type if view else "")  # type: ignore[typeddict-unknown-key]
        return context

    # ------------------------------------------------------------------ after building

    @event_priority(-50)  # before static-i18n (-100) would build the other languages
    def _wait_for_other_languages(self, *, config: MkDocsConfig) -> None:
        if not outer_pass(config) or not self.workers:
            return
        workers, self.workers = self.workers, []
        try:
            for worker in workers:
                done = worker.finish()
                self.written.script_hashes |= done.script_hashes
                self.written.audited |= done.audited
                self.written.crisis_failures.update(done.crisis_failures)
        finally:
            for worker in workers:  # after a failure, the others are stopped
                worker.stop()
        self.others_done = True
        other_languages_done(config, True)

    @event_priority(-200)  # after static-i18n has built every language
    def _publish(self, *, config: MkDocsConfig) -> None:
        if not (outer_pass(config) or self.others_done):
            return
        if self.others_done:
            self.others_done = False
            other_languages_done(config, False)
        if self.preview_problems:
            return
        views, languages = self._ready()
        site_dir = Path(config.site_dir)
        if views.site.crisis is not None:
            # Pages are audited as they are written; any other HTML file in the site is read
            # here (in a quick preview rebuild, only those it wrote).
            failures = dict(self.written.crisis_failures)
            failures.update(audit_site(site_dir, views.site.crisis, languages,
                                       self.build_started - 1.0 if self.dirty else None,
                                       self.written.audited))
            if failures:
                pages = ", ".join(f"{page} (missing {', '.join(items)})"
                                  for page, items in list(failures.items())[:10])
                raise PluginError(str(Problem("", None, "crisis-block-missing",
                                              {"count": len(failures), "pages": pages})))
        sitemap = sitemap_xml(views.site.pages, languages, str(config.site_url or "/"))
        (site_dir / SITEMAPS[0]).write_text(sitemap, encoding="utf-8")
        # mtime=0: the same site gives the same bytes, whenever it is built
        (site_dir / SITEMAPS[1]).write_bytes(gzip.compress(sitemap.encode(), mtime=0))
        if self._search_enabled():
            _build_search_index(site_dir)
        files = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                 if path.is_file()]
        (site_dir / "_headers").write_text(
            headers_file(content_security_policy(self.written.script_hashes),
                         immutable_paths(files)),
            encoding="utf-8")
        (site_dir / "robots.txt").write_text(robots_txt(config.site_url or ""), encoding="utf-8")
        (site_dir / "_redirects").write_text(
            redirects_file(languages, urlsplit(str(config.site_url or "/")).path or "/"),
            encoding="utf-8")

    on_post_build = CombinedEvent(_wait_for_other_languages, _publish)

    @event_priority(-1000)  # last: the hashes must match the page exactly as it is written
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._audit(page.file.dest_uri, self._protect(self._typeset(output, config)))

    @event_priority(-1000)
    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml is a static template too
            return output_content
        html = self._protect(self._typeset(output_content, config))
        if template_name != NOT_FOUND or self.languages is None:
            return html
        # Every language pass writes its theme templates at the site root: the default
        # language's 404 page stays there, the others go to their own folder (fr/404.html).
        prefix = self.languages.prefix(current_language(config, self.languages))
        if not prefix:
            self.root_not_found = html
            return self._audit(NOT_FOUND, html)
        target = Path(config.site_dir) / prefix / NOT_FOUND
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self._audit(prefix + NOT_FOUND, html), encoding="utf-8")
        # The root's page again, or nothing (a forked pass leaves it to the parent's pass).
        return self.root_not_found

    def _typeset(self, html: str, config: MkDocsConfig) -> str:
        html = squeeze(html)
        if self.views is None or self.languages is None:
            return html  # the preview's problem page
        return typeset(html, self.views.typography, current_language(config, self.languages))

    def _audit(self, rel: str, html: str) -> str:
        """The crisis block checked in the page as it is written (rel: under the site root)."""
        views = self.views
        if views is not None and views.site.crisis is not None and self.languages is not None:
            missing = audit_page(rel, html, views.site.crisis, self.languages)
            if missing:
                self.written.crisis_failures[rel] = missing
            self.written.audited.add(rel)
        return html

    def _protect(self, html: str) -> str:
        hashes = inline_script_hashes(html)
        self.written.script_hashes.update(hashes)
        if self.command == "serve":
            return html
        return insert_csp_meta(html, content_security_policy(hashes, meta=True))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed `mkdocs build` leaves no site behind, so nothing half-right can be deployed."""
        workers, self.workers = self.workers, []
        for worker in workers:  # a forked pass must not go on writing into the site folder
            worker.stop()
        if self.command in {"build", "gh-deploy"} and self.site_dir:
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.site_dir = str(config.site_dir)
        if outer_pass(config):
            self.build_started = time.time()

    # ------------------------------------------------------------------ helpers

    def _ready_languages(self) -> Languages:
        if self.languages is None:
            raise PluginError(str(Problem("", None, "plugin-order")))
        return self.languages

    def _ready(self) -> tuple[SiteViews, Languages]:
        if self.views is None:
            raise PluginError(str(Problem("", None, "plugin-order")))
        return self.views, self._ready_languages()

    def _search_enabled(self) -> bool:
        setting = self.config.search
        return setting if setting is not None else self.command != "serve"

    def _parallel_enabled(self) -> bool:
        setting = self.config.parallel
        return (setting if setting is not None else True) and hasattr(os, "fork")


class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


class _NamedTemplate(jinja2.Template):
    """A template whose mistakes are told as the file and line of the template, not as a
    traceback through the theme's code."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except jinja2.TemplateError as error:
            raise PluginError(str(_template_problem(error))) from None


def _keep_directory(directory: str) -> None:
    pass


def _without_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _template_problem(error: jinja2.TemplateError) -> Problem:
    where, line = "", 0
    if isinstance(error, jinja2.TemplateSyntaxError):
        where, line = error.filename or error.name or "", error.lineno
    else:  # the innermost frame that runs a template is where it went wrong
        trace = error.__traceback__
        while trace is not None:
            name = trace.tb_frame.f_code.co_filename
            if name.endswith((".html", ".xml")):
                where, line = name, trace.tb_lineno
            trace = trace.tb_next
    return Problem(_shown_path(where), line or None, "template-error", {
        "detail": error.message or type(error).__name__})


def _shown_path(path: str) -> str:
    """overrides/partials/hub.html, or the theme's own path, relative to the project."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def _rel(src_uri: str, languages: Languages) -> str:
    """fr/roles/parents.md -> roles/parents.md"""
    parts = PurePosixPath(src_uri).parts
    return "/".join(parts[1:]) if parts and parts[0] in languages else src_uri


def _shared_by_folder(page: Page, kind: str) -> str | None:
    """The folder whose pages show the same menu, crisis block and footer (fragments.py): a
    resource's, as no menu or footer links to a resource or marks it as the current page."""
    if kind != "resource" or page.previous_page or page.next_page or page.parent:
        return None
    return posixpath.dirname(page.url.rstrip("/"))


def _nav_item(node: NavNode, pages: dict[str, Page]) -> StructureItem:
    page = pages[node.rel] if node.rel else None
    if not node.is_section and page is not None:
        return page
    children = [_nav_item(child, pages) for child in node.children]
    return Section(node.title, [page, *children] if page is not None else children)


def _pages_of(item: StructureItem) -> list[Page]:
    if isinstance(item, Section):
        return [page for child in item.children for page in _pages_of(child)]
    return [item] if isinstance(item, Page) else []


def _link_parents(items: list[StructureItem], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


def _build_search_index(site: Path) -> None:
    """Pagefind reads each page's <html lang> and writes one index per language."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)  # Pagefind adds to what is there
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)],
                         capture_output=True, text=True, check=False)
    log.debug(run.stdout)
    if run.returncode != 0:
        raise PluginError(str(Problem("", None, "search-index-failed", {
            "output": (run.stdout + run.stderr).strip()})))

