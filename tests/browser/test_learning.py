"""The learning pathways and tools as a teacher or a principal uses them, in both languages, by
keyboard: a self-check answers at once; a module marked done stays done after a reload and shows
on its pathway and in the learning record; a reflection log survives export, erase and import; a
damaged file changes nothing; the self-assessment draws its chart and table and fills the action
plan. Nothing leaves the site, nothing but the browser's own storage keeps anything, and axe
finds nothing on any learning page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from browser.conftest import Address
from browser.test_accessibility import axe_violations, describe
from sitekit import ROOT

UI = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
LANGS = [("", "en"), ("fr/", "fr")]
MODULE = "learn/educators/04-talking-about-suicide-safely/"
PATHWAY = "learn/educators/"


def ui(key: str, lang: str) -> str:
    return " ".join(str(UI[key][lang]).split())


def folded(text: str) -> str:
    return " ".join(text.split())


def press_button(page: Page, selector: str) -> None:
    """Reach a button by keyboard focus and press it with Enter."""
    page.locator(selector).focus()
    page.keyboard.press("Enter")


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_a_self_check_answers_at_once_by_keyboard(visit: Callable[..., Any], server: Any,
                                                  prefix: str, lang: str) -> None:
    page = visit(server, prefix + MODULE).page
    question = page.locator(".smh-question").first
    right = int(question.get_attribute("data-answer") or "0")
    wrong = 1 if right != 1 else 2
    question.locator("input").nth(wrong - 1).focus()
    page.keyboard.press("Space")
    feedback = question.locator(".smh-question__feedback")
    expect(feedback).to_contain_text(ui("learn_not_quite", lang))
    # Arrow keys move between the choices of one question, as in any radio group.
    question.locator("input").nth(right - 1).focus()
    page.keyboard.press("Space")
    expect(feedback).to_contain_text(ui("learn_right", lang))
    explanation = question.locator(".smh-question__answer p").last.text_content() or ""
    assert folded(explanation) in folded(feedback.inner_text())


def test_without_javascript_a_module_reads_whole_with_its_answers(browser: Any,
                                                                  server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("fr/" + MODULE))
        expect(page.locator(".smh-objectives li").first).to_be_visible()
        answer = page.locator(".smh-question__answer").first
        answer.locator("summary").click()
        expect(answer).to_contain_text("La bonne réponse")
        expect(page.locator(".smh-storage noscript")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_a_module_done_stays_done_and_shows_everywhere(visit: Callable[..., Any], server: Any,
                                                       prefix: str, lang: str) -> None:
    opened = visit(server, prefix + MODULE)
    page = opened.page
    expect(page.locator(".smh-notice")).to_contain_text(ui("learn_device_notice", lang)[:30])
    press_button(page, "[data-smh-done]")
    status = page.locator(".smh-module-done__status")
    expect(status).to_contain_text(ui("learn_done_on", lang).split("{")[0].strip())
    page.reload()
    expect(page.locator("[data-smh-undo]")).to_be_visible()
    expect(page.locator("[data-smh-done]")).to_be_hidden()
    page.goto(server.url(prefix + PATHWAY))
    item = page.locator(f"[data-smh-module-id='{MODULE.rstrip('/')}']")
    expect(item.locator("[data-smh-done-badge]")).to_be_visible()
    one = ui("learn_progress_one", lang).format(done=1, count=5)
    expect(page.locator(".smh-pathway__progress")).to_have_text(one)
    page.goto(server.url(prefix + "learn/record/"))
    rows = page.locator("[data-smh-record] tbody tr")
    expect(rows).to_have_count(1)
    expect(page.locator("[data-smh-total]")).to_have_text("20")
    # The other language shows the same progress: a module's id has no language in it.
    other = "" if prefix else "fr/"
    page.goto(server.url(other + "learn/record/"))
    expect(page.locator("[data-smh-record] tbody tr")).to_have_count(1)
    assert opened.foreign_requests() == []
    assert page.evaluate("document.cookie") == ""


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_a_log_survives_export_erase_and_import(visit: Callable[..., Any], server: Any,
                                                tmp_path: Path, prefix: str,
                                                lang: str) -> None:
    opened = visit(server, prefix + "learn/reflection-logs/")
    page = opened.page
    page.on("dialog", lambda dialog: dialog.accept())
    words = "Nous avons « lancé » un club & <b>ça</b> marche" if lang == "fr" else \
        'We started a "calm corner" & <b>it</b> works'
    page.locator("#smh-log-1-did").focus()
    page.keyboard.type(words)
    expect(page.locator(".smh-logs .smh-saved")).to_have_text(ui("learn_saved", lang))
    with page.expect_download() as download:
        press_button(page, "[data-smh-export]")
    exported = tmp_path / "learning.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "smh-learning"
    press_button(page, "[data-smh-erase]")
    expect(page.locator(".smh-storage__message")).to_have_text(ui("learn_erased", lang))
    expect(page.locator("#smh-log-1-did")).to_have_value("")
    with page.expect_file_chooser() as chooser:
        press_button(page, "[data-smh-import-button]")
    chooser.value.set_files(str(exported))
    expect(page.locator(".smh-storage__message")).to_have_text(ui("learn_imported", lang))
    expect(page.locator("#smh-log-1-did")).to_have_value(words)
    page.reload()
    expect(page.locator("#smh-log-1-did")).to_have_value(words)
    assert opened.foreign_requests() == []


@pytest.mark.parametrize("damage", ["{not json", '{"format": "other", "version": 1}', "[]"])
def test_a_damaged_file_changes_nothing(visit: Callable[..., Any], server: Any, tmp_path: Path,
                                        damage: str) -> None:
    page = visit(server, "fr/" + MODULE).page
    press_button(page, "[data-smh-done]")
    broken = tmp_path / "broken.json"
    broken.write_text(damage, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        press_button(page, "[data-smh-import-button]")
    chooser.value.set_files(str(broken))
    expect(page.locator(".smh-storage__message")).to_have_text(ui("learn_import_failed", "fr"))
    expect(page.locator("[data-smh-undo]")).to_be_visible()  # still done
    page.reload()
    expect(page.locator("[data-smh-undo]")).to_be_visible()


def test_a_file_from_another_version_imports_what_it_knows(visit: Callable[..., Any],
                                                           server: Any, tmp_path: Path) -> None:
    page = visit(server, "learn/record/").page
    later = tmp_path / "later.json"
    later.write_text(json.dumps({
        "format": "smh-learning", "version": 7, "badges": ["unknown to this version"],
        "progress": {MODULE.rstrip("/"): {"done": "2026-10-01", "minutes": 20},
                     "learn/gone/module": {"done": "not a date"}}}), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        press_button(page, "[data-smh-import-button]")
    chooser.value.set_files(str(later))
    expect(page.locator("[data-smh-record] tbody tr")).to_have_count(1)


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_the_self_assessment_draws_its_summary_and_plan(visit: Callable[..., Any], server: Any,
                                                        prefix: str, lang: str) -> None:
    opened = visit(server, prefix + "learn/self-assessment/")
    page = opened.page
    ratings = page.locator(".smh-rating")
    count = ratings.count()
    assert count == 12
    for index in range(count):  # by keyboard: focus a level, choose it with Space
        level = ratings.nth(index).locator("input").nth(index % 4)
        level.focus()
        page.keyboard.press("Space")
    press_button(page, ".smh-assessment button[type=submit]")
    summary = page.locator("[data-smh-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("svg rect.smh-chart__now")).to_have_count(12)
    expect(summary.locator("tbody tr")).to_have_count(12)
    first = summary.locator("tbody tr").first
    expect(first.locator("td").first).to_have_text(
        page.locator(".smh-rating").first.locator(".smh-rating__level strong").first.inner_text())
    press_button(page, "[data-smh-plan-lowest]")
    rows = page.locator("[data-smh-plan] tbody tr")
    expect(rows).to_have_count(3)  # the elements rated "not yet"
    rows.first.locator("textarea").focus()
    page.keyboard.type("Name a mental health lead")
    page.reload()
    expect(page.locator("[data-smh-plan] tbody tr").first.locator("textarea")).to_have_value(
        "Name a mental health lead")
    page.emulate_media(media="print")
    expect(page.locator("[data-smh-plan] table")).to_be_visible()
    expect(page.locator(".smh-storage")).to_be_hidden()
    assert opened.foreign_requests() == []


@pytest.mark.parametrize("address", [
    Address(prefix + rel) for rel in ["learn/", PATHWAY, MODULE, "learn/record/",
                                      "learn/reflection-logs/", "learn/self-assessment/"]
    for prefix in ("", "fr/")], ids=str)
def test_learning_pages_pass_axe(pristine: Callable[..., Any], server: Any,
                                 address: Address) -> None:
    violations = axe_violations(pristine(server, address.rel))
    assert not violations, f"/{address.rel}:\n{describe(violations)}"
