"""Helplines: their schema, the links derived from their numbers, and their freshness."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    HttpUrl,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from smhsite.data import LANGUAGE_NAMES, load_model
from smhsite.problems import Problem, Severity
from smhsite.schema import Text

CRISIS_LINES = "data/crisis_lines.yml"
SHORT_CODES = frozenset({"911", "988", "686868"})
STALE_AFTER_DAYS = 180
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _dialable(number: str) -> str:
    if number in SHORT_CODES or _E164.match(number):
        return number
    raise PydanticCustomError("crisis-bad-number", "bad number",
                              {"received": number, "allowed": ", ".join(sorted(SHORT_CODES))})


def _as_text(value: object) -> object:
    # Unquoted, `number: +18006686868` is read by YAML as the number 18006686868: keep it as
    # text so the message says which number cannot be dialled and to put it in quotes.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Number = Annotated[str, BeforeValidator(_as_text), StringConstraints(strip_whitespace=True),
                   AfterValidator(_dialable)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    # A display like 686868 is read by YAML as a number; it is still the text to show.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    en: Text
    fr: Text

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Contact(_Strict):
    number: Number
    display: Bilingual
    keyword: Text | None = None

    @model_validator(mode="after")
    def _display_matches_number(self) -> Contact:
        digits = self.number.lstrip("+")
        for lang in ("en", "fr"):
            shown = re.sub(r"\D", "", self.display.get(lang))
            if shown != digits and "1" + shown != digits:
                raise PydanticCustomError("crisis-display-mismatch", "display mismatch", {
                    "language": LANGUAGE_NAMES[lang], "shown": self.display.get(lang),
                    "number": self.number,
                    "at": f"display.{lang}"})
        return self


class CrisisLine(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Bilingual
    serves: Bilingual
    hours: Bilingual
    call: Contact
    text: Contact | None = None
    website: HttpUrl | None = None
    last_verified: dt.date

    @property
    def tel(self) -> str:
        return f"tel:{self.call.number}"

    @property
    def sms(self) -> str | None:
        return f"sms:{self.text.number}" if self.text else None

    def view(self, lang: str) -> dict[str, str | None]:
        """What a template needs to show this line in one language."""
        return {
            "id": self.id,
            "name": self.name.get(lang),
            "serves": self.serves.get(lang),
            "hours": self.hours.get(lang),
            "tel": self.tel,
            "call_display": self.call.display.get(lang),
            "sms": self.sms,
            "text_display": self.text.display.get(lang) if self.text else None,
            "text_keyword": self.text.keyword if self.text else None,
            "website": str(self.website) if self.website else None,
        }


class CrisisLines(_Strict):
    lines: Annotated[list[CrisisLine], "at least one line"]

    def views(self, lang: str) -> list[dict[str, str | None]]:
        return [line.view(lang) for line in self.lines]


def load_crisis_lines(root: Path, today: dt.date) -> tuple[CrisisLines | None, list[Problem]]:
    crisis, doc, problems = load_model(root, CRISIS_LINES, CrisisLines)
    if crisis is None:
        return None, problems
    if not crisis.lines:
        return None, [Problem(CRISIS_LINES, 1, "crisis-no-lines")]
    for index, line in enumerate(crisis.lines):
        age = (today - line.last_verified).days
        where = doc.line_of(("lines", index, "last_verified")) if doc else None
        if age > STALE_AFTER_DAYS:
            problems.append(Problem(CRISIS_LINES, where, "crisis-stale", {
                "id": line.id, "date": line.last_verified, "days": age,
                "limit": STALE_AFTER_DAYS}, Severity.WARNING))
        elif age < 0:
            problems.append(Problem(CRISIS_LINES, where, "reviewed-in-future",
                                    {"date": line.last_verified}))
    return crisis, problems
