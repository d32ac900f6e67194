"""Helplines: their schema, the links derived from their numbers, and their freshness."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import (
    BeforeValidator,
    ConfigDict,
    HttpUrl,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from smhsite.data import load_model
from smhsite.data_models import PhoneRules
from smhsite.languages import Languages
from smhsite.problems import Problem, Severity
from smhsite.translations import language_problems
from smhsite.values import Id, Strict, Text, Translated
from smhsite.yamlfile import YamlDoc

CRISIS_LINES = "data/crisis_lines.yml"
STALE_AFTER_DAYS = 180
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _as_text(value: object) -> object:
    # Unquoted, `number: +18006686868` is read by YAML as the number 18006686868: keep it as
    # text so the message says which number cannot be dialled and to put it in quotes.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Number = Annotated[str, BeforeValidator(_as_text), StringConstraints(strip_whitespace=True)]


class Contact(Strict):
    # A display like 686868 is read by YAML as a number; it is still the text to show.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    number: Number
    display: Translated
    keyword: Text | None = None

    @field_validator("number")
    @classmethod
    def _dialable(cls, number: str, info: ValidationInfo) -> str:
        rules: PhoneRules = (info.context or {})["phone"]
        if number in rules.short_codes or (_E164.match(number)
                                           and number.startswith("+" + rules.country_code)):
            return number
        raise PydanticCustomError("crisis-bad-number", "bad number", {
            "received": number, "allowed": ", ".join(rules.short_codes),
            "country_code": rules.country_code})

    def display_problem(self, lang: str, rules: PhoneRules) -> str | None:
        """The display in `lang` when it shows other digits than the number dialled."""
        shown = re.sub(r"\D", "", self.display.get(lang) or "")
        digits = self.number.lstrip("+")
        national = digits.removeprefix(rules.country_code) if self.number.startswith("+") \
            else digits
        if shown in {digits, national, rules.trunk_prefix + national}:
            return None
        return self.display.get(lang) or ""


class CrisisLine(Strict):
    id: Id
    name: Translated
    serves: Translated
    hours: Translated
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

    def view(self, lang: str) -> Helpline:
        return Helpline(
            id=self.id, name=self.name.get(lang) or "", serves=self.serves.get(lang) or "",
            hours=self.hours.get(lang) or "", tel=self.tel,
            call_display=self.call.display.get(lang) or "", sms=self.sms,
            text_display=self.text.display.get(lang) if self.text else None,
            text_keyword=self.text.keyword if self.text else None,
            website=str(self.website) if self.website else None)


@dataclass(frozen=True)
class Helpline:
    """What a template shows of one line, in one language."""

    id: str
    name: str
    serves: str
    hours: str
    tel: str
    call_display: str
    sms: str | None
    text_display: str | None
    text_keyword: str | None
    website: str | None


class CrisisLines(Strict):
    lines: Annotated[list[CrisisLine], "at least one line"]

    def views(self, lang: str) -> list[Helpline]:
        return [line.view(lang) for line in self.lines]


def _line_problems(index: int, line: CrisisLine, languages: Languages, rules: PhoneRules,
                   doc: YamlDoc | None, today: dt.date) -> list[Problem]:
    at = ("lines", index)
    problems: list[Problem] = []
    for key in ("name", "serves", "hours"):
        problems += language_problems(getattr(line, key), languages, doc, CRISIS_LINES,
                                      (*at, key), "crisis-missing-language",
                                      "crisis-unknown-language", key=key, entry=line.id)
    for key in ("call", "text"):
        contact: Contact | None = getattr(line, key)
        if contact is None:
            continue
        problems += language_problems(contact.display, languages, doc, CRISIS_LINES,
                                      (*at, key, "display"), "crisis-missing-language",
                                      "crisis-unknown-language", key=f"{key}.display",
                                      entry=line.id)
        for lang in languages:
            shown = contact.display_problem(lang, rules) if contact.display.get(lang) else None
            if shown is not None:
                problems.append(Problem(CRISIS_LINES, doc.line_of((*at, key, "display", lang))
                                        if doc else None, "crisis-display-mismatch", {
                    "language": lang, "shown": shown, "number": contact.number}))
    where = doc.line_of((*at, "last_verified")) if doc else None
    age = (today - line.last_verified).days
    if age > STALE_AFTER_DAYS:
        problems.append(Problem(CRISIS_LINES, where, "crisis-stale", {
            "id": line.id, "date": line.last_verified, "days": age,
            "limit": STALE_AFTER_DAYS}, Severity.WARNING))
    elif age < 0:
        problems.append(Problem(CRISIS_LINES, where, "reviewed-in-future",
                                {"date": line.last_verified}))
    return problems


def load_crisis_lines(root: Path, today: dt.date, languages: Languages,
                      rules: PhoneRules) -> tuple[CrisisLines | None, list[Problem]]:
    crisis, doc, problems = load_model(root, CRISIS_LINES, CrisisLines, {"phone": rules})
    if crisis is None:
        return None, problems
    if not crisis.lines:
        return None, [Problem(CRISIS_LINES, 1, "crisis-no-lines")]
    seen: set[str] = set()
    for index, line in enumerate(crisis.lines):
        if line.id in seen:
            problems.append(Problem(CRISIS_LINES, doc.line_of(("lines", index, "id"))
                                    if doc else None, "duplicate-id",
                                    {"field": "lines", "received": line.id}))
        seen.add(line.id)
        problems += _line_problems(index, line, languages, rules, doc, today)
    return crisis, problems
