// Wide tables scroll sideways inside a box on phones. A box that scrolls is reachable and named
// for keyboard and screen reader users (WCAG 2.1.1), and says so above it, with a shadow on the
// side that has more. Runs after the theme wraps each table, and again when the width changes.
(function () {
  var script = document.currentScript;
  var label = script.getAttribute("data-label");
  var hint = script.getAttribute("data-hint");
  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    var note = box.previousElementSibling;
    var hasNote = note && note.classList.contains("smh-table-hint");
    box.classList.toggle("smh-scrolls", scrolls);
    box.classList.toggle("smh-scrolls--end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label);
      if (!hasNote) {
        note = document.createElement("p");
        note.className = "smh-table-hint";
        note.textContent = hint;
        box.parentNode.insertBefore(note, box);
      }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      if (hasNote) note.remove();
    }
  }
  function all() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      mark(box);
      if (!box.hasAttribute("data-smh-watched")) {
        box.setAttribute("data-smh-watched", "");
        box.addEventListener("scroll", function () { mark(box); }, { passive: true });
      }
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(all);
  } else {
    document.addEventListener("DOMContentLoaded", all);
  }
  window.addEventListener("resize", all);
})();
