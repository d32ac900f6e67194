"""Small presentation helpers shared by the templates' data: dates and reading time."""

from __future__ import annotations

import datetime as dt
import math

WORDS_PER_MINUTE = 200


def format_date(day: dt.date, ui: dict[str, str]) -> str:
    """'November 1, 2026' or '1er novembre 2026', from the patterns in data/ui.yml."""
    months = ui["months"].split()
    day_text = ui["first_of_month"] if day.day == 1 else str(day.day)
    return ui["date_pattern"].format(month=months[day.month - 1], day=day_text, year=day.year)


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
