// Resource hub filters: OR within a facet, AND across facets, counts that follow the other
// facets' choices, state kept in the address so a filtered view can be shared and reloaded.
(function () {
  var hub = document.querySelector("[data-smh-hub]");
  if (!hub) return;
  var form = hub.querySelector(".smh-filters");
  var cards = Array.prototype.slice.call(hub.querySelectorAll(".smh-results .smh-card"));
  var status = hub.querySelector(".smh-results__count");
  var none = hub.querySelector(".smh-results__none");
  var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"),
    function (fieldset) { return fieldset.getAttribute("data-facet"); });
  var formatter = new Intl.NumberFormat(document.documentElement.lang || "en");

  function valuesOf(card, facet) {
    return (card.getAttribute("data-" + facet) || "").split(" ").filter(Boolean);
  }

  function selection() {
    var chosen = {};
    facets.forEach(function (facet) {
      chosen[facet] = Array.prototype.map.call(
        form.querySelectorAll("input[name='" + facet + "']:checked"),
        function (input) { return input.value; });
    });
    return chosen;
  }

  function matches(card, chosen, skip) {
    return facets.every(function (facet) {
      if (facet === skip || chosen[facet].length === 0) return true;
      var mine = valuesOf(card, facet);
      return chosen[facet].some(function (value) { return mine.indexOf(value) !== -1; });
    });
  }

  function render(chosen) {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, chosen, null);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    // Each value's count: how many cards it would show, given the other facets' choices.
    facets.forEach(function (facet) {
      var tally = {};
      cards.forEach(function (card) {
        if (!matches(card, chosen, facet)) return;
        valuesOf(card, facet).forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
      });
      form.querySelectorAll("fieldset[data-facet='" + facet + "'] [data-count-for]")
        .forEach(function (span) {
          span.textContent = "(" + formatter.format(tally[span.getAttribute("data-count-for")] || 0) + ")";
        });
    });
    var template = shown === 1 ? hub.getAttribute("data-count-one")
                               : hub.getAttribute("data-count-many");
    status.textContent = template.replace("{count}", formatter.format(shown));
    none.hidden = shown !== 0;
  }

  function toQuery(chosen) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) {
      chosen[facet].forEach(function (value) { params.append(facet, value); });
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  function fromQuery() {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type='checkbox']").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
    });
  }

  function update() {
    var chosen = selection();
    history.replaceState(null, "", toQuery(chosen));
    render(chosen);
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  fromQuery();
  render(selection());
})();
