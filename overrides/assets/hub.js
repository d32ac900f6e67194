// The resource hub and the search page, over the Pagefind index of this language. Filters: OR
// within a facet, AND across facets; each value's count says how many results it would give
// with the other facets' choices. On the search page a query searches every page too. The
// state lives in the address (?q=anxiety&audience=parents&tiers=1) so a view can be shared.
// Every text shown comes from the page (its own language) or the index, as text, never HTML.
(function () {
  var hub = document.querySelector("[data-smh-hub]");
  if (!hub) return;
  var form = hub.querySelector(".smh-filters");
  var queryForm = hub.querySelector(".smh-query");
  var input = hub.querySelector("[data-smh-query]");
  var list = hub.querySelector(".smh-results .smh-cards");
  var status = hub.querySelector(".smh-results__count");
  var none = hub.querySelector(".smh-results__none");
  var more = hub.querySelector(".smh-results__more");
  var template = document.getElementById("smh-card-template");
  var pageSize = parseInt(hub.getAttribute("data-page-size"), 10) || 24;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]"));
  var pagefind = null;
  var results = [];
  var shown = 0;
  var generation = 0;

  function siteRootPath() {
    return new URL(hub.getAttribute("data-site-root"), window.location.href).pathname;
  }

  function loadIndex() {
    if (pagefind) return Promise.resolve(pagefind);
    var bundle = new URL(hub.getAttribute("data-bundle"), window.location.href).href;
    return import(bundle + "pagefind.js").then(function (module) {
      pagefind = module;
      return module.options({ baseUrl: siteRootPath() })
        .then(function () { return module.filters(); })  // loads every facet, so all get counts
        .then(function () { return module; });
    });
  }

  function chosen() {
    var state = {};
    fieldsets.forEach(function (fieldset) {
      state[fieldset.getAttribute("data-facet")] = Array.prototype.slice.call(
        fieldset.querySelectorAll("input:checked"));
    });
    return state;
  }

  function term() {
    return input ? input.value.trim() : "";
  }

  function filtersFor(state, skip) {
    var filters = {};
    var kind = hub.getAttribute("data-kind-value");
    if (kind) filters[hub.getAttribute("data-kind-filter")] = kind;
    fieldsets.forEach(function (fieldset) {
      var facet = fieldset.getAttribute("data-facet");
      if (facet === skip || state[facet].length === 0) return;
      filters[fieldset.getAttribute("data-filter-name")] = {
        any: state[facet].map(function (input) { return input.getAttribute("data-label"); }),
      };
    });
    return filters;
  }

  function query(filters) {
    var words = term();
    // A query is ranked by relevance; a list of resources, by title.
    return words ? pagefind.search(words, { filters: filters })
                 : pagefind.search(null, { filters: filters, sort: { title: "asc" } });
  }

  // The index keeps plain spaces: put back the no-break spaces of the page's language.
  var before = hub.getAttribute("data-space-before");
  var after = hub.getAttribute("data-space-after");
  function typeset(text) {
    var escape = function (marks) { return marks.replace(/[\]\\^-]/g, "\\$&"); };
    if (before) text = text.replace(new RegExp("[ \\t\\n]+(?=[" + escape(before) + "])", "g"), "\u00a0");
    if (after) text = text.replace(new RegExp("([" + escape(after) + "])[ \\t\\n]+", "g"), "$1\u00a0");
    return text;
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep exactly that, as text.
  function fillExcerpt(node, excerpt) {
    var parsed = document.createElement("template");
    parsed.innerHTML = excerpt || "";  // inert: nothing in a template runs or loads
    parsed.content.childNodes.forEach(function (child) {
      if (child.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = typeset(child.textContent);
        node.appendChild(mark);
      } else {
        node.appendChild(document.createTextNode(typeset(child.textContent)));
      }
    });
  }

  function card(data) {
    var meta = data.meta;
    var node = template.content.firstElementChild.cloneNode(true);
    var link = node.querySelector(".smh-card__title a");
    link.href = data.url;
    link.textContent = data.meta.title;
    var excerpt = node.querySelector(".smh-card__excerpt");
    var description = node.querySelector(".smh-card__description");
    if (term()) {
      fillExcerpt(excerpt, data.excerpt);
      description.remove();
    } else {
      excerpt.remove();
      description.textContent = meta.description || "";
    }
    node.querySelectorAll("[data-field]").forEach(function (field) {
      var value = meta[field.getAttribute("data-field")] || "";
      field.textContent = value;
      if (!value && field.tagName === "LI") field.remove();
    });
    var facts = node.querySelector(".smh-card__facts");
    if (!facts.children.length) facts.remove();  // a page, not a resource
    return node;
  }

  function showNext(mine) {
    var batch = results.slice(shown, shown + pageSize);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== generation) return;
      items.forEach(function (data) { list.appendChild(card(data)); });
      shown += batch.length;
      more.hidden = shown >= results.length;
    });
  }

  function announce(count) {
    var text = count === 1 ? hub.getAttribute("data-count-one")
                           : hub.getAttribute("data-count-many");
    status.textContent = text.replace("{count}", numbers.format(count));
    none.hidden = count !== 0;
  }

  function updateCounts(state, main) {
    // For a facet with choices, count as if that facet were unchosen (OR within a facet).
    return Promise.all(fieldsets.map(function (fieldset) {
      var facet = fieldset.getAttribute("data-facet");
      var source = state[facet].length ? query(filtersFor(state, facet)) : Promise.resolve(main);
      return source.then(function (search) {
        var counts = (search.filters || {})[fieldset.getAttribute("data-filter-name")] || {};
        fieldset.querySelectorAll("input").forEach(function (input) {
          var span = fieldset.querySelector("[data-count-for='" + input.value + "']");
          span.textContent = "(" + numbers.format(counts[input.getAttribute("data-label")] || 0) + ")";
        });
      });
    }));
  }

  function writeAddress(state) {
    var params = new URLSearchParams();
    if (term()) params.set("q", term());
    Object.keys(state).forEach(function (facet) {
      state[facet].forEach(function (input) { params.append(facet, input.value); });
    });
    var text = params.toString();
    history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    if (input) input.value = params.get("q") || "";
    form.querySelectorAll("input[type='checkbox']").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
    });
  }

  function showSelected(state) {
    var label = form.querySelector(".smh-filters__selected");
    var count = Object.keys(state).reduce(function (n, f) { return n + state[f].length; }, 0);
    var text = label.getAttribute(count === 1 ? "data-one" : "data-many");
    label.textContent = count ? " " + text.replace("{count}", numbers.format(count)) : "";
  }

  function anyChosen(state) {
    return Object.keys(state).some(function (facet) { return state[facet].length > 0; });
  }

  function update(writeState) {
    var mine = ++generation;
    var state = chosen();
    showSelected(state);
    if (writeState) writeAddress(state);
    if (input && !term() && !anyChosen(state)) {  // the search page, nothing asked yet
      results = [];
      shown = 0;
      list.textContent = "";
      more.hidden = true;
      none.hidden = true;
      status.textContent = hub.getAttribute("data-prompt");
      return Promise.resolve();
    }
    hub.setAttribute("aria-busy", "true");
    return loadIndex().then(function () {
      return query(filtersFor(state, null));
    }).then(function (search) {
      if (mine !== generation) return;
      results = search.results;
      primed = true;
      shown = 0;
      list.textContent = "";
      announce(results.length);
      return Promise.all([showNext(mine), updateCounts(state, search)]);
    }).catch(function () {
      // No index (the preview skips it): say so, instead of an empty page.
      var missing = hub.getAttribute("data-not-built");
      if (missing && mine === generation) status.textContent = missing;
    }).finally(function () {
      if (mine === generation) hub.removeAttribute("aria-busy");
    });
  }

  var primed = false;  // true once `results` holds the search index's answer

  form.hidden = false;
  if (queryForm) {
    queryForm.hidden = false;
    var typing = null;
    queryForm.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      update(true);
    });
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { update(true); }, 300);
    });
  }
  // On a phone the filters start folded, so the results are on the first screen; the summary
  // says how many are chosen.
  if (window.matchMedia("(max-width: 44.9375em)").matches) {
    form.querySelector("details").open = false;
  }
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("reset", function () {
    hub.setAttribute("aria-busy", "true");  // until the boxes are cleared and the list redrawn
    setTimeout(function () { update(true); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () {
    var first = list.children.length;
    var mine = generation;
    var ready = primed ? Promise.resolve() : loadIndex().then(function () {
      return query(filtersFor(chosen(), null));
    }).then(function (search) {
      results = search.results;
      shown = list.children.length;  // the cards already in the page come first in title order
      primed = true;
    });
    ready.then(function () { return showNext(mine); }).then(function () {
      var next = list.children[first];
      if (next) next.querySelector("a").focus();  // keyboard users continue where the list grew
    });
  });
  readAddress();
  if (window.location.search || input) {
    update(false);
  } else {
    more.hidden = list.children.length >= parseInt(hub.getAttribute("data-total"), 10);
  }
})();
