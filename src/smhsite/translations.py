"""Is every translatable text there in every language of the site, and only in those?"""

from __future__ import annotations

from collections.abc import Mapping

from smhsite.languages import Languages
from smhsite.problems import Problem
from smhsite.yamlfile import Loc, YamlDoc


def language_problems(texts: Mapping[str, object], languages: Languages, doc: YamlDoc | None,
                      path: str, loc: Loc, missing_code: str, unknown_code: str,
                      **params: object) -> list[Problem]:
    """One problem per language `texts` lacks (on the line of `loc`) and per key that is not a
    language of the site (on its own line)."""
    line = doc.line_of(loc) if doc else None
    problems = [Problem(path, line, missing_code,
                        {**params, "code": code, "language": languages.name(code)})
                for code in languages if not texts.get(code)]
    problems += [Problem(path, doc.line_of((*loc, key)) if doc else line, unknown_code,
                         {**params, "unknown": key, "allowed": ", ".join(languages.codes)})
                 for key in texts if key not in languages]
    return problems
