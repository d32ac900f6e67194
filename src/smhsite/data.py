"""Reading the editors' data files (data/*.yml) into typed models."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from smhsite.content import read_text
from smhsite.problems import Problem
from smhsite.schema import Taxonomy, UiString, problems_from
from smhsite.yamlfile import YamlDoc, describe, parse

Model = TypeVar("Model", bound=BaseModel)

TAXONOMY = "data/taxonomy.yml"
UI = "data/ui.yml"


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


def load_model(root: Path, rel_path: str,
               model: type[Model]) -> tuple[Model | None, YamlDoc | None, list[Problem]]:
    """The file as `model`, with the parsed document (for line numbers) and its problems."""
    doc, problems = load_yaml_file(root, rel_path)
    if doc is None or problems:
        return None, doc, problems
    try:
        return model.model_validate(doc.data), doc, []
    except ValidationError as err:
        return None, doc, [_relabel(p, rel_path, doc.data) for p in
                           problems_from(err, doc, rel_path, model)]


LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def _relabel(problem: Problem, rel_path: str, data: object) -> Problem:
    """A missing English or French text in a data file deserves its own message."""
    field = str(problem.params.get("field", ""))
    parts = field.split(".")
    if (problem.code not in {"missing-data-key", "empty-value"}
            or parts[-1] not in LANGUAGE_NAMES):
        return problem
    code = parts[-1]
    if rel_path == TAXONOMY and len(parts) == 3:
        return Problem(problem.path, problem.line, "taxonomy-missing-label", {
            "facet": parts[0], "id": _entry_id(data, parts[:2]) or f"#{int(parts[1]) + 1}",
            "language": LANGUAGE_NAMES[code], "code": code})
    entry = _entry_id(data, parts[:-1])
    if len(parts) >= 3 and entry:
        return Problem(problem.path, problem.line, "missing-language", {
            "key": parts[-2], "entry": entry, "language": LANGUAGE_NAMES[code], "code": code})
    return problem


def _entry_id(data: object, parts: list[str]) -> str | None:
    """The `id` of the innermost list entry on the way to `parts` (lines.0.name -> its id)."""
    found = None
    for part in parts:
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                found = data["id"]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            break
    return found


def load_taxonomy(root: Path) -> tuple[Taxonomy | None, list[Problem]]:
    taxonomy, doc, problems = load_model(root, TAXONOMY, Taxonomy)
    if taxonomy is None:
        return None, problems
    for facet in Taxonomy.model_fields:
        seen: set[str] = set()
        for index, term_id in enumerate(taxonomy.ids(facet)):
            if term_id in seen:
                line = doc.line_of((facet, index, "id")) if doc else None
                problems.append(Problem(TAXONOMY, line, "duplicate-id",
                                        {"field": facet, "received": term_id}))
            seen.add(term_id)
    return taxonomy, problems


_UI_ADAPTER: TypeAdapter[dict[str, UiString]] = TypeAdapter(dict[str, UiString])


class UiStrings(BaseModel):
    """Interface strings: key -> {en, fr}."""

    strings: dict[str, UiString]

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: text.fr if lang == "fr" else text.en for key, text in self.strings.items()}


def load_ui(root: Path) -> tuple[UiStrings | None, list[Problem]]:
    doc, problems = load_yaml_file(root, UI)
    if doc is None or problems:
        return None, problems
    try:
        ui = UiStrings(strings=_UI_ADAPTER.validate_python(doc.data))
    except ValidationError as err:
        return None, problems_from(err, doc, UI, UiString)
    problems = [Problem(UI, doc.line_of((key, lang)), "ui-bad-placeholder", {
                    "received": name, "key": key, "language": LANGUAGE_NAMES[lang]})
                for key, text in ui.strings.items()
                for lang, value in text.model_dump().items()
                for name in bad_placeholders(value)]
    return (None if problems else ui), problems


_PLAIN_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def bad_placeholders(template: str) -> list[str]:
    """Placeholders other than a plain {name}: "{count.__class__}" or "{0}" would let a text
    reach into the values it is given; an unmatched brace breaks the page."""
    try:
        fields = [(name, spec, conversion)
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError:
        return [template]
    return [name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for name, spec, conversion in fields
            if not _PLAIN_NAME.match(name) or spec or conversion]
