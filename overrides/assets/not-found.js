// The site root's 404 page carries every language. Show the one of the address asked for
// (/fr/... -> French), hide the others, and give the page that language's title. Without this
// script every language stays on the page.
function smhNotFound() {
  var page = document.querySelector("[data-smh-not-found]");
  if (!page) return;
  var root = new URL(page.getAttribute("data-site-root"), window.location.href).pathname;
  var path = window.location.pathname;
  var rest = path.indexOf(root) === 0 ? path.slice(root.length) : "";
  var sections = Array.prototype.slice.call(page.querySelectorAll("section[data-prefix]"));
  var chosen = sections[0];  // the default language, at the root
  sections.forEach(function (section) {
    var prefix = section.getAttribute("data-prefix");
    if (prefix && rest.indexOf(prefix) === 0) chosen = section;
  });
  var lang = chosen.getAttribute("lang");
  document.querySelectorAll("[data-smh-lang-part]").forEach(function (part) {
    if (part.getAttribute("data-smh-lang-part") !== lang) part.hidden = true;
  });
  document.querySelectorAll(".smh-crisis__lang").forEach(function (part) {
    if (part.getAttribute("lang") !== lang) {
      part.hidden = true;
    } else {  // the crisis block is named by the heading it shows
      part.closest("[data-smh-crisis]").setAttribute(
        "aria-labelledby", part.querySelector(".smh-crisis__title").id);
    }
  });
  document.querySelectorAll("[data-smh-toggle]").forEach(function (toggle) {
    toggle.hidden = toggle.getAttribute("data-smh-toggle") === lang;
  });
  document.documentElement.lang = lang;
  document.title = chosen.getAttribute("data-title");
  // The heading shown is the page's one h1; the hidden ones become h2.
  sections.forEach(function (section) {
    var heading = section.querySelector("[id^='not-found-']");
    var level = section === chosen ? "H1" : "H2";
    if (heading.tagName === level) return;
    var replacement = document.createElement(level);
    replacement.id = heading.id;
    replacement.tabIndex = -1;
    replacement.className = heading.className;
    replacement.textContent = heading.textContent;
    heading.replaceWith(replacement);
  });
}
// The footer comes after this script: wait for the whole page.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", smhNotFound);
} else {
  smhNotFound();
}
