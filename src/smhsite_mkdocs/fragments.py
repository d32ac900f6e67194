"""Parts of a page rendered once and reused by every page that shows them the same way.

`{% shared key %}...{% endshared %}` renders its body the first time a key is met in a language
pass and reuses that HTML for the same key; a key that is none renders the body every time. A
key must name everything the body depends on: the templates use the relative address of the
site root (`base_url`) for parts that only link into the site's assets, and `smh_shared`
(the page's folder, for pages that no menu, footer or crisis block links to or marks as
current: resources) for the menu, the crisis block and the footer.

The cache belongs to the Jinja environment, which MkDocs creates anew for every build and every
language pass, so an edited template or data file is never served from it.
`tests/test_shared_fragments.py` builds sites with and without it and compares every byte.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import Environment, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class SharedFragments(Extension):
    tags = {"shared"}  # noqa: RUF012 - the type Jinja declares for it

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.rendered: dict[Hashable, Markup] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endshared",), drop_needle=True)
        call = self.call_method("_render", [key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, key: Hashable, caller: Callable[[], Any]) -> Markup:
        if key is None:
            return Markup(caller())
        found = self.rendered.get(key)
        if found is None:
            found = self.rendered[key] = Markup(caller())
        return found
