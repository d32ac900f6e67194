"""Value types shared by the models of pages and data files."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class Strict(BaseModel):
    """A model that refuses keys it does not know and never changes once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# YAML reads `tiers: [1, 2]` as numbers; ids are text.
IdList = Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
                   "ids"]
# A language code as in mkdocs.yml and docs/<code>/: en, fr, cy, oj-ca.
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
# Text in every language of the site, by language code; which languages are required is known
# only once the site's languages are read, so `translations.language_problems` checks it (an
# empty text counts as missing).
Translated = dict[str, Annotated[str, StringConstraints(strip_whitespace=True)] | None]
