"""Smaller pages: the indentation templates leave between tags, taken out.

A run of blank space that holds a line break becomes that line break alone. Browsers show both
the same (one space), so nothing a visitor sees changes; only `pre`, `textarea`, scripts and
styles, where blank space can matter, are left as written. About a tenth of a page, and the
same again on every page a phone loads.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"[ \t]*\n[ \t\r\n]*")


def squeeze(html: str) -> str:
    out = []
    pos = 0
    for kept in _KEEP.finditer(html):
        out.append(_BREAK.sub("\n", html[pos:kept.start()]))
        out.append(kept.group(0))
        pos = kept.end()
    out.append(_BREAK.sub("\n", html[pos:]))
    return "".join(out)
