"""Rules static hosts read from the built site, besides `_headers`."""

from __future__ import annotations

from smhsite.languages import Languages


def redirects_file(languages: Languages, base_path: str) -> str:
    """Netlify's `_redirects`: a missing address under a language's folder gets that language's
    404 page (Cloudflare Pages finds the nearest 404.html by itself and ignores a 404 rule)."""
    lines = ["# A missing page in each language's folder gets that language's 404 page."]
    for code in languages:
        prefix = languages.prefix(code)
        if prefix:
            lines.append(f"{base_path}{prefix}*  {base_path}{prefix}404.html  404")
    return "\n".join(lines) + "\n"
