"""Indentation between tags is taken out; nothing a visitor sees or a script reads changes."""

from __future__ import annotations

import pytest

from smhsite.html_whitespace import squeeze


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<p>one   two</p>", "<p>one   two</p>"),  # no line break: left alone
    ("<a>x</a>\n\n   <a>y</a>", "<a>x</a>\n<a>y</a>"),  # still a space between the links
    ("<pre>  a\n    b\n</pre>\n  <p>c</p>", "<pre>  a\n    b\n</pre>\n<p>c</p>"),
    ("<textarea>\n  kept\n</textarea>", "<textarea>\n  kept\n</textarea>"),
    ("<script>\n  var s = `a\n    b`;\n</script>", "<script>\n  var s = `a\n    b`;\n</script>"),
    ("<STYLE>\n  p {}\n</STYLE>  \n  <p>", "<STYLE>\n  p {}\n</STYLE>\n<p>"),
    ("<p>Ça va\u00a0?\n   Oui</p>", "<p>Ça va\u00a0?\nOui</p>"),  # a no-break space is text
])
def test_squeeze(html: str, expected: str) -> None:
    assert squeeze(html) == expected
