"""Reading the editors' data files (data/*.yml) into typed models, each once."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from smhsite.content import read_text
from smhsite.data_models import SelfAssessment, SiteFacts, Taxonomy, Term, UiStrings
from smhsite.languages import Languages
from smhsite.packaged import packaged_yaml
from smhsite.page_models import ResourcePage
from smhsite.problems import Problem, Severity
from smhsite.translations import language_problems
from smhsite.validation import did_you_mean, problems_from
from smhsite.yamlfile import YamlDoc, describe, parse

Model = TypeVar("Model", bound=BaseModel)

TAXONOMY = "data/taxonomy.yml"
UI = "data/ui.yml"
SELF_ASSESSMENT = "data/self_assessment.yml"
SITE = "data/site.yml"


def load_yaml_file(root: Path, rel_path: str) -> tuple[YamlDoc | None, list[Problem]]:
    file = root / rel_path
    if not file.is_file():
        return None, [Problem(rel_path, None, "missing-data-file", {"path": rel_path})]
    text, problems = read_text(file, rel_path)
    if text is None:
        return None, problems
    doc, parse_problems = parse(text, rel_path)
    problems += parse_problems
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Problem(rel_path, 1, "yaml-not-mapping",
                                {"what": "this data file", "received": describe(doc.data)}))
        return None, problems
    return doc, problems


def load_model(root: Path, rel_path: str, model: type[Model],
               context: dict[str, Any] | None = None,
               ) -> tuple[Model | None, YamlDoc | None, list[Problem]]:
    """The file as `model`, with the parsed document (for line numbers) and its problems."""
    doc, problems = load_yaml_file(root, rel_path)
    if doc is None or problems:
        return None, doc, problems
    try:
        return model.model_validate(doc.data, context=context), doc, []
    except ValidationError as err:
        return None, doc, problems_from(err, doc, rel_path, model)


def load_taxonomy(root: Path, languages: Languages) -> tuple[Taxonomy | None, list[Problem]]:
    taxonomy, doc, problems = load_model(root, TAXONOMY, Taxonomy)
    if taxonomy is None:
        return None, problems
    for facet in Taxonomy.model_fields:
        problems += term_problems(TAXONOMY, doc, facet, getattr(taxonomy, facet), languages)
    return taxonomy, problems


def term_problems(path: str, doc: YamlDoc | None, part: str, terms: list[Term],
                  languages: Languages) -> list[Problem]:
    """A list of labelled entries: each id once, a label in every language and no other."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, term in enumerate(terms):
        if term.id in seen:
            line = doc.line_of((part, index, "id")) if doc else None
            problems.append(Problem(path, line, "duplicate-id",
                                    {"field": part, "received": term.id}))
        seen.add(term.id)
        problems += language_problems(term.labels, languages, doc, path, (part, index),
                                      "taxonomy-missing-label", "taxonomy-unknown-key",
                                      facet=part, id=term.id)
    return problems


def load_ui(root: Path, languages: Languages) -> tuple[UiStrings | None, list[Problem]]:
    doc, problems = load_yaml_file(root, UI)
    if doc is None or problems:
        return None, problems
    try:
        ui = UiStrings.model_validate({"strings": doc.data})
    except ValidationError as err:
        return None, [Problem(p.path, p.line, p.code, {
            **p.params, "field": str(p.params.get("field", "")).removeprefix("strings.")})
            for p in problems_from(err, doc, UI, UiStrings)]
    contract = ui_contract()
    problems += [Problem(UI, None, "ui-missing-key",
                         {"key": key, "languages": ", ".join(languages)})
                 for key in contract if "*" not in key and key not in ui.strings]
    for key, texts in ui.strings.items():
        allowed = _contract_entry(contract, key)
        if allowed is None:
            problems.append(Problem(UI, doc.line_of((key,)), "ui-unused-key", {"key": key},
                                    Severity.WARNING))
        problems += language_problems(texts, languages, doc, UI, (key,), "ui-missing-language",
                                      "ui-unknown-language", key=key)
        problems += _placeholder_problems(key, texts, languages, doc, allowed)
    return ui, problems


@cache
def ui_contract() -> dict[str, list[str]]:
    """Interface string keys the site uses -> the placeholders it fills in each."""
    loaded: dict[str, list[str]] = packaged_yaml("ui_contract.yml")
    return loaded


def _contract_entry(contract: dict[str, list[str]], key: str) -> list[str] | None:
    if key in contract:
        return contract[key]
    family = next((name for name in contract
                   if name.endswith("*") and key.startswith(name[:-1])), None)
    return contract[family] if family else None


_PLAIN_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def placeholders(template: str) -> tuple[list[str], list[str]]:
    """The {names} in `template`, and the placeholders that are not a plain name:
    "{count.__class__}" or "{0}" would let a text reach into the values it is given, and an
    unmatched brace breaks the page."""
    try:
        fields = [(name, spec, conversion)
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError:
        return [], [template]
    names = sorted({name for name, _, _ in fields})
    bad = [name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
           for name, spec, conversion in fields
           if not _PLAIN_NAME.match(name) or spec or conversion]
    return names, bad


def _placeholder_problems(key: str, texts: dict[str, str], languages: Languages,
                          doc: YamlDoc, allowed: list[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    expected, _ = placeholders(texts.get(languages.default, ""))
    for lang, text in texts.items():
        names, bad = placeholders(text)
        line = doc.line_of((key, lang))
        problems += [Problem(UI, line, "ui-bad-placeholder", {
            "received": name, "key": key, "code": lang}) for name in bad]
        if allowed is not None:
            problems += [Problem(UI, line, "ui-unknown-placeholder", {
                "received": name, "key": key, "code": lang,
                "allowed": _braced(allowed)}) for name in names
                if name not in allowed and _PLAIN_NAME.match(name)]
        if not bad and lang != languages.default and lang in languages and names != expected:
            problems.append(Problem(UI, line, "ui-placeholder-mismatch", {
                "key": key, "code": lang, "default": languages.default,
                "here": _braced(names), "there": _braced(expected)}))
    return problems


def _braced(names: list[str]) -> str:
    return ", ".join("{" + name + "}" for name in names) or "none"


def load_site_facts(root: Path) -> tuple[SiteFacts | None, list[Problem]]:
    facts, doc, problems = load_model(root, SITE, SiteFacts)
    if facts is None:
        return None, problems
    allowed = list(ResourcePage.facets)
    for index, key in enumerate(facts.hub_facets):
        if key not in allowed:
            problems.append(Problem(SITE, doc.line_of(("hub_facets", index)) if doc else None,
                                    "unknown-facet", {
                "received": key, "suggestion": did_you_mean(key, allowed),
                "allowed": ", ".join(allowed)}))
    return facts, problems


def load_self_assessment(root: Path, languages: Languages,
                         ) -> tuple[SelfAssessment | None, list[Problem]]:
    """data/self_assessment.yml, when the site has one (a site without the self-assessment
    tool needs no such file)."""
    if not (root / SELF_ASSESSMENT).exists():
        return None, []
    data, doc, problems = load_model(root, SELF_ASSESSMENT, SelfAssessment)
    if data is None:
        return None, problems
    for part in ("levels", "groups", "elements"):
        problems += term_problems(SELF_ASSESSMENT, doc, part, getattr(data, part), languages)
    levels = [level.id for level in data.levels]
    groups = {group.id for group in data.groups}
    for index, element in enumerate(data.elements):
        if element.group not in groups:
            problems.append(Problem(SELF_ASSESSMENT, doc.line_of(("elements", index, "group"))
                                    if doc else None, "self-assessment-group", {
                                        "received": element.group,
                                        "groups": ", ".join(sorted(groups))}))
        for level in levels:
            texts = element.guidance.get(level)
            if texts is None:
                problems.append(Problem(SELF_ASSESSMENT, doc.line_of(("elements", index,
                                                                      "guidance"))
                                        if doc else None, "self-assessment-guidance", {
                                            "id": element.id, "level": level}))
                continue
            problems += language_problems(
                {lang: text for lang, text in texts.items() if text}, languages, doc,
                SELF_ASSESSMENT, ("elements", index, "guidance", level),
                "taxonomy-missing-label", "taxonomy-unknown-key",
                facet=f"elements.guidance.{level}", id=element.id)
    return data, problems
