"""WCAG 2.x A and AA with axe-core on every page type, and a keyboard walk through each page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from browser.conftest import Visit

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


def axe_violations(visit: Visit) -> list[dict[str, Any]]:
    """axe-core's WCAG A and AA violations on the page, run once per page as it loaded."""
    if "axe" not in visit.memo:
        visit.memo["axe"] = _axe.run(visit.page, options=AXE_OPTIONS).response["violations"]
    return list(visit.memo["axe"])


def test_axe_finds_no_wcag_a_or_aa_violations(target, viewport, server, pristine) -> None:
    violations = axe_violations(pristine(server, target.rel, viewport))
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

# Records each element that takes focus, as it takes it (checked every few presses: a round
# trip per Tab would double the walk's time).
RECORD_FOCUS_JS = """() => {
  window.__smhFocus = [];
  document.addEventListener('focusin', event => {
    const el = event.target;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    window.__smhFocus.push({
      target: el.getAttribute('data-kbd-target'),
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href'),
      text: (el.textContent || '').trim().slice(0, 60),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
      onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
        && box.left < innerWidth && box.top < innerHeight,
    });
  }, true);
}"""
REACHED_JS = "() => new Set(window.__smhFocus.map(f => f.target).filter(Boolean)).size"
PRESSES_PER_CHECK = 8


def has_focus_indicator(focus: dict[str, Any]) -> bool:
    outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] not in ("0px", "")
    return outline or focus["boxShadow"] not in ("none", "")


def test_keyboard_reaches_crisis_toggle_and_content_with_visible_focus(
        target, viewport, server, tab) -> None:
    v = tab(server, target.rel, viewport)
    page = v.page
    present = page.evaluate(MARK_TARGETS_JS)
    assert all(present.values()), f"missing on the page: {present}"

    page.evaluate(RECORD_FOCUS_JS)
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if presses % PRESSES_PER_CHECK == 0 and page.evaluate(REACHED_JS) == len(present):
            break
    focused: list[dict[str, Any]] = page.evaluate("() => window.__smhFocus")
    path = [f"{focus['tag']}[{focus['href']}] {focus['text']!r}" for focus in focused]
    reached: dict[str, dict[str, Any]] = {}
    for focus in focused:
        reached.setdefault(focus["target"], focus)
    reached.pop(None, None)
    missing = sorted(set(present) - set(reached))
    assert not missing, (f"Tab never reached {missing} in {len(path)} presses; "
                         f"focus went: {path[:60]}")
    for name, focus in reached.items():
        assert has_focus_indicator(focus), (
            f"{name} link {focus['href']!r} has no visible focus indicator: "
            f"outline {focus['outlineStyle']} {focus['outlineWidth']}, "
            f"box-shadow {focus['boxShadow']}")
        assert focus["onScreen"], f"{name} link {focus['href']!r} is focused off screen"
