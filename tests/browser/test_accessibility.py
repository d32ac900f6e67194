"""WCAG 2.x A and AA with axe-core on every page type, and a keyboard walk through each page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
MAX_TABS = 400

_axe = Axe()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}"
                     f" <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " | ".join(line.strip() for line in
                                 (node.get("failureSummary") or "").splitlines() if line.strip())
            lines.append(f"  - {node['target']}: {summary}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def test_axe_finds_no_wcag_a_or_aa_violations(target, viewport, server, visit) -> None:
    v = visit(server, target.rel, viewport)
    violations = _axe.run(v.page, options=AXE_OPTIONS).response["violations"]
    report = describe(violations)
    if violations:
        print(f"axe violations on /{target.rel} ({viewport}):\n{report}")
    assert not violations, f"/{target.rel} ({viewport}):\n{report}"


# Marks the three places a keyboard user must reach, and reports what has focus after each Tab.
MARK_TARGETS_JS = """() => {
  const shown = el => el && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const mark = (el, name) => { if (el) el.setAttribute('data-kbd-target', name); return !!el; };
  return {
    crisis: mark([...document.querySelectorAll('[data-smh-crisis] a[href^="tel:"]')].find(shown),
                 'crisis'),
    toggle: mark([...document.querySelectorAll('a.smh-lang__link')].find(shown), 'toggle'),
    content: mark([...document.querySelectorAll('.md-content a[href]')].find(shown), 'content'),
  };
}"""

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    target: el.getAttribute('data-kbd-target'),
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    text: (el.textContent || '').trim().slice(0, 60),
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    boxShadow: style.boxShadow,
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def has_focus_indicator(focus: dict[str, Any]) -> bool:
    outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] not in ("0px", "")
    return outline or focus["boxShadow"] not in ("none", "")


def test_keyboard_reaches_crisis_toggle_and_content_with_visible_focus(
        target, viewport, server, visit) -> None:
    v = visit(server, target.rel, viewport)
    page = v.page
    present = page.evaluate(MARK_TARGETS_JS)
    assert all(present.values()), f"missing on the page: {present}"

    reached: dict[str, dict[str, Any]] = {}
    path: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None:
            continue
        path.append(f"{focus['tag']}[{focus['href']}] {focus['text']!r}")
        name = focus["target"]
        if name and name not in reached:
            reached[name] = focus
        if len(reached) == len(present):
            break
    missing = sorted(set(present) - set(reached))
    assert not missing, (f"Tab never reached {missing} in {len(path)} presses; "
                         f"focus went: {path[:60]}")
    for name, focus in reached.items():
        assert has_focus_indicator(focus), (
            f"{name} link {focus['href']!r} has no visible focus indicator: "
            f"outline {focus['outlineStyle']} {focus['outlineWidth']}, "
            f"box-shadow {focus['boxShadow']}")
        assert focus["onScreen"], f"{name} link {focus['href']!r} is focused off screen"
