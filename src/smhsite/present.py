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


def format_number(value: float, ui: dict[str, str], decimals: int = 0) -> str:
    """1,234.5 in English, 1 234,5 in French, from the separators in data/ui.yml."""
    text = f"{value:,.{decimals}f}"
    return (text.replace(",", "\0").replace(".", ui["decimal_separator"])
            .replace("\0", ui["thousands_separator"]))


def format_size(size_bytes: int, ui: dict[str, str]) -> str:
    """'48 KB' / '48 Ko', or '1.2 MB' / '1,2 Mo'; never '0 KB' for a file that has bytes."""
    if size_bytes < 1000 * 1000:
        return ui["size_kb"].format(size=format_number(max(1, math.ceil(size_bytes / 1000)), ui))
    return ui["size_mb"].format(size=format_number(size_bytes / 1000 / 1000, ui, decimals=1))
