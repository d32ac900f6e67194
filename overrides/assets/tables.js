// Wide tables scroll sideways inside a box on phones; make that box reachable and named for
// keyboard and screen reader users (WCAG 2.1.1). Runs after the theme wraps each table.
(function () {
  var label = document.currentScript.getAttribute("data-label");
  function name() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label);
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(name);
  } else {
    document.addEventListener("DOMContentLoaded", name);
  }
})();
