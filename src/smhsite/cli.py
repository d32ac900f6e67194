"""The `smhsite` command: check content, scaffold pages, report status, export schemas."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from smhsite.check import check_site
from smhsite.content import read_text
from smhsite.data import load_site_facts, load_taxonomy
from smhsite.languages import load_languages
from smhsite.page_models import PAGE_TYPES
from smhsite.problems import (
    Problem,
    errors,
    render_github,
    render_json,
    render_text,
    warnings,
)
from smhsite.scaffold import inside, page_rel, scaffold, translation
from smhsite.schema_export import SCHEMA_DIR, stale_schemas, write_schemas
from smhsite.status import PageStatus, page_statuses


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="smhsite", description=__doc__)
    top.add_argument("--root", type=Path, default=Path("."),
                     help="the project folder (where mkdocs.yml is); default: here")
    top.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    sub = top.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check every page and data file, without building")
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="text for people, json for tools, github for workflow annotations")
    check.add_argument("--due-within", type=int, default=0, metavar="DAYS",
                       help="also fail on helplines and reviews that fall due within DAYS")

    new = sub.add_parser("new", help="create a page in English and French, ready to fill in")
    new.add_argument("page_type", choices=sorted(PAGE_TYPES))
    new.add_argument("slug", help="path under docs/<lang>/ without .md, e.g. topics/grief")
    new.add_argument("--audience", default="",
                     help="comma-separated audience ids (default: new_page_audience in "
                     "data/site.yml)")

    translate = sub.add_parser("translate", help="write a page's missing translations, "
                               "marked for translation")
    translate.add_argument("page", help="the page, e.g. docs/en/topics/grief.md or topics/grief")

    status = sub.add_parser("status", help="translations that may be stale, reviews that are due")
    status.add_argument("--format", choices=["table", "json"], default="table")

    schemas = sub.add_parser("schemas", help="write JSON Schema files for editors' tools")
    schemas.add_argument("--check", action="store_true", help="only report stale files")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root: Path = args.root.resolve()
    today: dt.date = args.today or dt.date.today()
    handler = {"check": _check, "new": _new, "translate": _translate, "status": _status,
               "schemas": _schemas}
    try:
        return handler[args.command](args, root, today)
    except BrokenPipeError:
        # The reader (`| head`) has stopped reading: stop quietly, as other commands do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


def _say(problem: Problem, stream: TextIO | None = None) -> None:
    print(str(problem), file=stream or sys.stdout)


def _report(problems: list[Problem]) -> int:
    """Problems that stop a command before it can do its work."""
    for problem in problems:
        _say(problem, sys.stderr)
    return 1


def _check(args: argparse.Namespace, root: Path, today: dt.date) -> int:
    # Checking as of a later day is what "due within" means: whatever would then be stale or
    # overdue is reported with its own message and line.
    result = check_site(root, today + dt.timedelta(days=args.due_within))
    found_errors, found_warnings = errors(result.problems), warnings(result.problems)
    if args.format == "json":
        print(render_json(result.problems))
    elif args.format == "github":
        if result.problems:
            print(render_github(result.problems))
    elif result.problems:
        print(render_text(result.problems))
        _say(Problem("", None, "check-summary", {
            "errors": len(found_errors), "warnings": len(found_warnings),
            "pages": len(result.sources)}))
    else:
        _say(Problem("", None, "check-ok", {"pages": len(result.sources)}))
    # The build is strict: a warning stops it too, so it fails the check as well.
    return 1 if result.problems else 0


def _new(args: argparse.Namespace, root: Path, today: dt.date) -> int:
    languages, problems = load_languages(root)
    facts, fact_problems = load_site_facts(root)
    if languages is None or facts is None:
        return _report(problems + fact_problems)
    audience = ([a.strip() for a in args.audience.split(",") if a.strip()] if args.audience
                else list(facts.new_page_audience))
    rel = page_rel(args.slug)
    if rel is None or not all(inside(root / "docs" / lang, root / "docs" / lang / rel)
                              for lang in languages):
        _say(Problem("", None, "new-bad-path", {"received": args.slug}), sys.stderr)
        return 2
    files = scaffold(root, args.page_type, rel, today, audience, languages)
    existing = [f for f in files if f.path.exists()]
    if existing:
        for f in existing:
            _say(Problem(f.path.relative_to(root).as_posix(), None, "page-exists",
                         {"path": f.path.relative_to(root).as_posix()}), sys.stderr)
        return 1
    for f in files:
        f.path.parent.mkdir(parents=True, exist_ok=True)
        f.path.write_text(f.text, encoding="utf-8")
        _say(Problem("", None, "page-created", {"path": f.path.relative_to(root).as_posix()}))
    return 0


def _translate(args: argparse.Namespace, root: Path, today: dt.date) -> int:
    languages, problems = load_languages(root)
    if languages is None:
        return _report(problems)
    given = args.page.strip().removeprefix("docs/")
    parts = given.split("/", 1)
    rel = page_rel(parts[1] if len(parts) == 2 and parts[0] in languages else given)
    if rel is None:
        _say(Problem("", None, "new-bad-path", {"received": args.page}), sys.stderr)
        return 2
    existing = [lang for lang in languages if (root / "docs" / lang / rel).is_file()]
    if not existing:
        _say(Problem("", None, "translate-no-source", {"received": args.page}), sys.stderr)
        return 1
    source = parts[0] if parts[0] in existing else existing[0]
    missing = [lang for lang in languages if lang not in existing]
    if not missing:
        _say(Problem("", None, "translate-nothing", {"page": rel}))
        return 0
    text, problems = read_text(root / "docs" / source / rel, f"docs/{source}/{rel}")
    if text is None:
        return _report(problems)
    for lang in missing:
        target = root / "docs" / lang / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(translation(text), encoding="utf-8")
        _say(Problem("", None, "translation-created", {
            "path": target.relative_to(root).as_posix(), "source": f"docs/{source}/{rel}"}))
    return 0


def _status(args: argparse.Namespace, root: Path, today: dt.date) -> int:
    result = check_site(root, today)
    if result.languages is None:
        return _report(result.problems)
    statuses = page_statuses(result.pages, root, today, result.languages)
    if args.format == "json":
        print(json.dumps([s.as_json() for s in statuses], indent=2))
        return 0
    headers = list(PageStatus.__dataclass_fields__)
    rows = [[str(getattr(s, h) if getattr(s, h) is not None else "-") for h in headers]
            for s in statuses]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


def _schemas(args: argparse.Namespace, root: Path, today: dt.date) -> int:
    languages, problems = load_languages(root)
    if languages is None:
        return _report(problems)
    taxonomy, _ = load_taxonomy(root, languages)
    if args.check:
        stale = stale_schemas(root, taxonomy)
        if stale:
            _say(Problem("", None, "schemas-stale", {"names": ", ".join(stale)}), sys.stderr)
            return 1
        return 0
    written = write_schemas(root, taxonomy)
    _say(Problem("", None, "schemas-written", {"count": len(written), "folder": SCHEMA_DIR}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
