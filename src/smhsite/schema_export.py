"""JSON Schema files for editors' autocompletion, generated from the typed models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from smhsite.crisis import CrisisLines
from smhsite.data_models import SiteFacts, Taxonomy, UiText
from smhsite.page_models import PAGE_TYPES

SCHEMA_DIR = "schemas"


def _front_matter_schema(taxonomy: Taxonomy | None) -> dict[str, Any]:
    # A union built at run time from the registry of page types.
    union: Any = Union[tuple(PAGE_TYPES.values())]  # noqa: UP007
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[union, Field(discriminator="type")])
    schema = adapter.json_schema()
    if taxonomy is not None:
        for definition in schema.get("$defs", {}).values():
            model = PAGE_TYPES.get(_literal_type(definition))
            if model is None:
                continue
            for key, facet in model.facets.items():
                ids = taxonomy.ids(facet)
                prop = definition["properties"][key]
                target = prop["items"] if prop.get("type") == "array" else prop
                target["enum"] = ids
    schema["title"] = "Page front matter"
    return schema


def _literal_type(definition: dict[str, Any]) -> str:
    type_prop = definition.get("properties", {}).get("type", {})
    return str(type_prop.get("const", ""))


def schemas(taxonomy: Taxonomy | None) -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema."""
    ui: TypeAdapter[dict[str, dict[str, UiText]]] = TypeAdapter(dict[str, dict[str, UiText]])
    return {
        "front-matter.schema.json": _front_matter_schema(taxonomy),
        "taxonomy.schema.json": Taxonomy.model_json_schema(),
        "crisis-lines.schema.json": CrisisLines.model_json_schema(),
        "ui.schema.json": ui.json_schema(),
        "site.schema.json": SiteFacts.model_json_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(root: Path, taxonomy: Taxonomy | None) -> list[Path]:
    out = root / SCHEMA_DIR
    out.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas(taxonomy).items():
        path = out / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path, taxonomy: Taxonomy | None) -> list[str]:
    """Names of schema files that differ from what the models generate now."""
    out = root / SCHEMA_DIR
    return [name for name, schema in schemas(taxonomy).items()
            if not (out / name).is_file() or (out / name).read_text("utf-8") != render(schema)]
