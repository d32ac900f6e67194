// Starts Pagefind's interface on the search page and runs the query from ?q= (the header form).
(function () {
  var element = document.getElementById("smh-search");
  if (!element) return;
  if (typeof PagefindUI === "undefined") {
    // The index is skipped in the live preview: say so rather than show an empty page.
    document.querySelector(".smh-search__missing").hidden = false;
    return;
  }
  var ui = new PagefindUI({
    element: "#smh-search",
    bundlePath: element.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
