"""MkDocs adapter: gather this language's resources and hand listings to the templates."""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from smhsite import LANGUAGES
from smhsite.catalogue import (
    HUB_FIRST_PAGE,
    Catalogue,
    Download,
    Resource,
    a_to_z,
    build_catalogue,
    grouped,
    related,
    sort_key,
)
from smhsite.data import load_taxonomy
from smhsite.schema import ResourcePage, Taxonomy

_state: dict[str, Any] = {}


def _lang_and_rel(src_uri: str) -> tuple[str, str]:
    parts = PurePosixPath(src_uri).parts
    if parts and parts[0] in LANGUAGES:
        return parts[0], "/".join(parts[1:])
    return "", src_uri


def _download(docs_dir: Path, lang: str, rel: str, target: str | None) -> Download | None:
    if not target:
        return None
    file = docs_dir / lang / PurePosixPath(rel).parent / target
    if not file.is_file():
        return None  # reported by the validate hook
    site_path = (PurePosixPath(rel).parent / target).as_posix()
    return Download(extension=file.suffix.lstrip(".").lower(), size_bytes=file.stat().st_size,
                    site_path=posixpath.normpath(site_path))


def on_env(env: Any, config: Any, files: Any) -> Any:
    taxonomy, _ = load_taxonomy(Path(config.config_file_path).parent)
    docs_dir = Path(config.docs_dir)
    lang = env.globals.get("smh_lang", "en")
    resources: list[Resource] = []
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.meta.get("type") != "resource":
            continue
        file_lang, rel = _lang_and_rel(file.src_uri)
        if file_lang != lang:
            continue
        try:
            meta = ResourcePage.model_validate(page.meta)
        except ValidationError:
            continue  # reported by the validate hook
        slug = PurePosixPath(rel).stem
        resources.append(Resource(slug, meta, _download(docs_dir, lang, rel, meta.download)))
    _state["taxonomy"] = taxonomy
    _state["catalogue"] = build_catalogue(resources, taxonomy, lang) if taxonomy else None
    _state["related"] = related(resources)
    env.globals["smh_catalogue"] = _state["catalogue"]
    env.globals["smh_hub_first_page"] = HUB_FIRST_PAGE
    env.filters["smh_sort_key"] = sort_key
    return env


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    catalogue: Catalogue | None = _state.get("catalogue")
    taxonomy: Taxonomy | None = _state.get("taxonomy")
    info = context.get("smh_page")
    if catalogue is None or taxonomy is None or info is None:
        return context
    meta = page.meta
    page_type = meta.get("type")
    if page_type == "role":
        info["listing"] = grouped(catalogue, "audience", str(meta.get("role")), "tiers", taxonomy)
        info["listing_kind"] = "tiers"
    elif page_type == "topic":
        info["listing"] = grouped(catalogue, "topics", str(meta.get("topic")), "format",
                                  taxonomy)
        info["listing_kind"] = "formats"
    elif page_type == "library-index":
        info["a_to_z"] = a_to_z(catalogue)
    elif page_type == "resource":
        slug = PurePosixPath(page.file.src_uri).stem
        cards = catalogue.by_slug
        info["resource"] = cards.get(slug)
        info["related"] = [cards[s] for s in _state["related"].get(slug, []) if s in cards]
        info["labels"] = taxonomy.labels(catalogue.lang)
    return context
