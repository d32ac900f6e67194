"""The YAML files that ship inside the package (messages, field help, the interface contract),
and the loader every YAML file of the project is read with."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["C_LOADER", "packaged_yaml"]

# libyaml when PyYAML was built with it: YAML is read on every check and build.
try:
    from yaml import CSafeLoader as C_LOADER
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as C_LOADER  # type: ignore[assignment]


def packaged_yaml(name: str) -> Any:
    """The data of one of the package's own YAML files (no line numbers: editors never see them)."""
    text = resources.files("smhsite").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=C_LOADER)
