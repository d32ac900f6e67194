"""Pydantic's findings, told as editor messages: one per field, on its line, with the fix."""

from __future__ import annotations

import difflib
import types
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from smhsite.packaged import packaged_yaml
from smhsite.page_models import PAGE_TYPES, FrontMatter
from smhsite.problems import Problem, schema_detail, templates
from smhsite.yamlfile import YamlDoc, describe


@cache
def field_help() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = packaged_yaml("fields.yml")
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
                "field": field, "received": describe(received),
                "expected": help_for["expected"], "hint": help_for["hint"]}))
        else:
            problems.append(Problem(path, line, "invalid-value", {
                "field": field, "received": describe(received),
                "detail": schema_detail(kind, dict(item.get("ctx") or {}))}))
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
