// Learning tools: self-check feedback, modules marked done, the learning record, reflection
// logs, the self-assessment with its chart and action plan, and export, import and erase.
// Everything is saved in this browser only (localStorage), never sent. Every text shown comes
// from the page (its language) or from what the visitor typed, always as text.
(function () {
  var KEY = "smh-learning";
  var FORMAT = "smh-learning";
  var VERSION = 1;
  var lang = document.documentElement.lang || "en";
  var plural = new Intl.PluralRules(lang);
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  // ------------------------------------------------------------------ storage
  function empty() {
    return { format: FORMAT, version: VERSION, progress: {}, logs: {}, assessments: [], plan: [] };
  }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function text(value, limit) {
    return typeof value === "string" ? value.slice(0, limit || 5000) : "";
  }
  // Keeps only what this version knows, in the shapes it expects: a file from another version
  // or language imports what it can; anything else is refused by `parse`.
  function clean(data) {
    var result = empty();
    if (isObject(data.progress)) {
      Object.keys(data.progress).forEach(function (id) {
        var entry = data.progress[id];
        if (isObject(entry) && DATE.test(entry.done)) {
          result.progress[id.slice(0, 300)] = {
            done: entry.done, minutes: Math.max(0, Math.min(600, Number(entry.minutes) || 0)) };
        }
      });
    }
    if (isObject(data.logs)) {
      Object.keys(data.logs).forEach(function (year) {
        if (!/^\d{4}-\d{4}$/.test(year) || !isObject(data.logs[year])) return;
        result.logs[year] = {};
        ["1", "2", "3"].forEach(function (term) {
          var log = data.logs[year][term];
          if (isObject(log)) {
            result.logs[year][term] = {
              did: text(log.did), changed: text(log.changed), next: text(log.next) };
          }
        });
      });
    }
    if (Array.isArray(data.assessments)) {
      data.assessments.forEach(function (a) {
        if (!isObject(a) || !DATE.test(a.date) || !isObject(a.ratings)) return;
        var ratings = {};
        Object.keys(a.ratings).forEach(function (id) { ratings[id] = text(a.ratings[id], 100); });
        result.assessments.push({ date: a.date, ratings: ratings });
      });
    }
    if (Array.isArray(data.plan)) {
      data.plan.forEach(function (row) {
        if (!isObject(row)) return;
        var status = ["todo", "doing", "done"].indexOf(row.status) >= 0 ? row.status : "todo";
        result.plan.push({ element: text(row.element, 300), action: text(row.action),
                           who: text(row.who, 300), when: DATE.test(row.when) ? row.when : "",
                           status: status });
      });
    }
    return result;
  }
  function parse(raw) {
    var data = JSON.parse(raw);  // throws on a damaged file
    if (!isObject(data) || data.format !== FORMAT || typeof data.version !== "number") {
      throw new Error("not a learning file");
    }
    return clean(data);
  }
  var memory = null;  // when the browser refuses storage, the page still works until it closes
  function load() {
    try {
      var raw = window.localStorage.getItem(KEY);
      return raw ? parse(raw) : empty();
    } catch (error) {
      return memory || empty();
    }
  }
  function save(data) {
    memory = data;
    try { window.localStorage.setItem(KEY, JSON.stringify(data)); } catch (error) { /* memory */ }
  }
  function merge(base, extra) {
    Object.keys(extra.progress).forEach(function (id) { base.progress[id] = extra.progress[id]; });
    Object.keys(extra.logs).forEach(function (year) {
      base.logs[year] = base.logs[year] || {};
      Object.keys(extra.logs[year]).forEach(function (term) {
        var mine = base.logs[year][term] || { did: "", changed: "", next: "" };
        var theirs = extra.logs[year][term];
        ["did", "changed", "next"].forEach(function (f) { if (theirs[f]) mine[f] = theirs[f]; });
        base.logs[year][term] = mine;
      });
    });
    extra.assessments.forEach(function (a) {
      base.assessments = base.assessments.filter(function (b) { return b.date !== a.date; });
      base.assessments.push(a);
    });
    base.assessments.sort(function (a, b) { return a.date < b.date ? -1 : 1; });
    extra.plan.forEach(function (row) {
      var same = base.plan.some(function (r) {
        return r.element === row.element && r.action === row.action;
      });
      if (!same) base.plan.push(row);
    });
    return base;
  }

  // ------------------------------------------------------------------ helpers
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }
  function showDate(iso) {
    var parts = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(lang, { dateStyle: "long" })
      .format(new Date(parts[0], parts[1] - 1, parts[2]));
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }
  function progressText(holder, done, count) {
    var form = plural.select(done) === "one" ? "one" : "other";
    return fill(holder.getAttribute("data-progress-" + form), { done: done, count: count });
  }
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // ------------------------------------------------------------------ module: self-check
  all("[data-smh-check] .smh-question").forEach(function (question) {
    var section = question.closest("[data-smh-check]");
    var feedback = question.querySelector(".smh-question__feedback");
    var explanation = question.querySelector(".smh-question__answer p:last-child").textContent;
    all("input[type=radio]", question).forEach(function (input) {
      input.disabled = false;
      input.addEventListener("change", function () {
        var right = input.value === question.getAttribute("data-answer");
        feedback.textContent = section.getAttribute(right ? "data-right" : "data-wrong") + " " +
          explanation;
        feedback.className = "smh-question__feedback " + (right ? "is-right" : "is-wrong");
      });
    });
  });

  // ------------------------------------------------------------------ module: done
  function renderModule() {
    var box = document.querySelector("[data-smh-module]");
    if (!box) return;
    box.hidden = false;
    var entry = load().progress[box.getAttribute("data-smh-module")];
    box.querySelector("[data-smh-done]").hidden = !!entry;
    box.querySelector("[data-smh-undo]").hidden = !entry;
    box.querySelector(".smh-module-done__status").textContent = entry
      ? fill(box.getAttribute("data-done-on"), { date: showDate(entry.done) }) : "";
  }
  var moduleBox = document.querySelector("[data-smh-module]");
  if (moduleBox) {
    moduleBox.querySelector("[data-smh-done]").addEventListener("click", function () {
      var data = load();
      data.progress[moduleBox.getAttribute("data-smh-module")] = {
        done: today(), minutes: Number(moduleBox.getAttribute("data-minutes")) || 0 };
      save(data);
      renderModule();
      moduleBox.querySelector("[data-smh-undo]").focus();
    });
    moduleBox.querySelector("[data-smh-undo]").addEventListener("click", function () {
      var data = load();
      delete data.progress[moduleBox.getAttribute("data-smh-module")];
      save(data);
      renderModule();
      moduleBox.querySelector("[data-smh-done]").focus();
    });
  }

  // ------------------------------------------------------------------ pathways and home
  function renderPathways() {
    var progress = load().progress;
    all("[data-smh-pathway]").forEach(function (pathway) {
      var items = all("[data-smh-module-id]", pathway);
      var done = 0;
      items.forEach(function (item) {
        var isDone = !!progress[item.getAttribute("data-smh-module-id")];
        item.querySelector("[data-smh-done-badge]").hidden = !isDone;
        if (isDone) done += 1;
      });
      var line = pathway.querySelector(".smh-pathway__progress");
      line.hidden = false;
      line.textContent = progressText(pathway, done, items.length);
    });
    all("[data-smh-pathway-modules]").forEach(function (card) {
      var ids = card.getAttribute("data-smh-pathway-modules").split(" ").filter(Boolean);
      var done = ids.filter(function (id) { return progress[id]; }).length;
      var line = card.querySelector(".smh-pathway__progress");
      line.hidden = false;
      line.textContent = progressText(card.closest(".smh-pathways"), done, ids.length);
    });
  }

  // ------------------------------------------------------------------ learning record
  function renderRecord() {
    var record = document.querySelector("[data-smh-record]");
    if (!record) return;
    record.hidden = false;
    var progress = load().progress;
    var body = record.querySelector("tbody");
    body.textContent = "";
    var total = 0;
    all("a[data-id]", document.getElementById("smh-record-modules").content).forEach(function (a) {
      var entry = progress[a.getAttribute("data-id")];
      if (!entry) return;
      var row = document.createElement("tr");
      var link = document.createElement("a");
      link.href = a.getAttribute("href");
      link.textContent = a.textContent;
      [link, a.getAttribute("data-pathway"), showDate(entry.done), String(entry.minutes)]
        .forEach(function (value, index) {
          var cell = document.createElement(index === 0 ? "th" : "td");
          if (index === 0) cell.scope = "row";
          if (typeof value === "string") cell.textContent = value; else cell.appendChild(value);
          row.appendChild(cell);
        });
      body.appendChild(row);
      total += entry.minutes;
    });
    record.querySelector("[data-smh-total]").textContent = String(total);
    record.querySelector("table").hidden = total === 0 && !body.children.length;
    record.querySelector(".smh-record__empty").hidden = body.children.length > 0;
  }

  // ------------------------------------------------------------------ reflection logs
  function schoolYear(date) {
    var y = date.getFullYear();
    return date.getMonth() >= 8 ? y + "-" + (y + 1) : (y - 1) + "-" + y;
  }
  function renderLogs() {
    var logs = document.querySelector("[data-smh-logs]");
    if (!logs) return;
    logs.hidden = false;
    var select = logs.querySelector("[data-smh-log-year]");
    var chosen = select.value || schoolYear(new Date());
    var years = {};
    var now = Number(schoolYear(new Date()).slice(0, 4));
    for (var y = now - 2; y <= now; y += 1) years[y + "-" + (y + 1)] = true;
    Object.keys(load().logs).forEach(function (year) { years[year] = true; });
    select.textContent = "";
    Object.keys(years).sort().reverse().forEach(function (year) {
      var option = document.createElement("option");
      option.value = year;
      option.textContent = year.replace("-", "\u2013");
      select.appendChild(option);
    });
    select.value = chosen;
    var data = load().logs[chosen] || {};
    all(".smh-log", logs).forEach(function (fieldset) {
      var log = data[fieldset.getAttribute("data-term")] || {};
      all("textarea", fieldset).forEach(function (area) {
        area.value = log[area.getAttribute("data-field")] || "";
      });
    });
  }
  var logsBox = document.querySelector("[data-smh-logs]");
  if (logsBox) {
    var status = logsBox.querySelector(".smh-saved");
    logsBox.querySelector("[data-smh-log-year]").addEventListener("change", renderLogs);
    logsBox.addEventListener("input", function (event) {
      var area = event.target;
      if (area.tagName !== "TEXTAREA") return;
      var data = load();
      var year = logsBox.querySelector("[data-smh-log-year]").value;
      var term = area.closest(".smh-log").getAttribute("data-term");
      data.logs[year] = data.logs[year] || {};
      data.logs[year][term] = data.logs[year][term] || { did: "", changed: "", next: "" };
      data.logs[year][term][area.getAttribute("data-field")] = area.value;
      save(data);
      status.textContent = status.getAttribute("data-saved");
    });
  }

  // ------------------------------------------------------------------ self-assessment
  var form = document.querySelector("[data-smh-assessment]");
  var summary = document.querySelector("[data-smh-summary]");
  var plan = document.querySelector("[data-smh-plan]");
  var SVG = "http://www.w3.org/2000/svg";
  function elements() {
    return all(".smh-rating", form).map(function (fieldset) {
      return { id: fieldset.getAttribute("data-element"), label: fieldset.getAttribute("data-label"),
               levels: all("input", fieldset) };
    });
  }
  function rankOf(element, levelId) {
    var input = element.levels.filter(function (i) { return i.value === levelId; })[0];
    return input ? Number(input.getAttribute("data-rank")) : -1;
  }
  function svgText(x, y, content, anchor) {
    var t = document.createElementNS(SVG, "text");
    t.setAttribute("x", x);
    t.setAttribute("y", y);
    if (anchor) t.setAttribute("text-anchor", anchor);
    t.textContent = content;
    return t;
  }
  function renderAssessment() {
    if (!form) return;
    var data = load();
    var latest = data.assessments[data.assessments.length - 1];
    var earlier = data.assessments[data.assessments.length - 2];
    var list = elements();
    all("input, button", form).forEach(function (el) { el.disabled = false; });
    if (latest) {
      list.forEach(function (element) {
        element.levels.forEach(function (input) {
          input.checked = input.value === latest.ratings[element.id];
        });
      });
    }
    form.querySelector(".smh-saved").textContent = latest
      ? fill(form.getAttribute("data-saved-on"), { date: showDate(latest.date) }) : "";
    summary.hidden = !latest;
    plan.hidden = !latest && !data.plan.length;
    if (!latest) return;
    var levelNames = summary.getAttribute("data-levels").split("|");
    var notRated = form.getAttribute("data-not-rated");
    // The chart: a bar per element, as long as its level (a fainter one for the earlier rating).
    var svg = summary.querySelector("svg");
    var rowHeight = 28;
    var labelWidth = 300;
    var barWidth = 320;
    svg.textContent = "";
    svg.setAttribute("viewBox", "0 0 " + (labelWidth + barWidth + 10) + " " +
                     (list.length * rowHeight + 30));
    levelNames.forEach(function (name, index) {
      var x = labelWidth + (barWidth * (index + 1)) / levelNames.length;
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("x1", x); line.setAttribute("x2", x);
      line.setAttribute("y1", 0); line.setAttribute("y2", list.length * rowHeight);
      line.setAttribute("class", "smh-chart__grid");
      svg.appendChild(line);
      svg.appendChild(svgText(x - 4, list.length * rowHeight + 20, name, "end"));
    });
    list.forEach(function (element, index) {
      var y = index * rowHeight;
      svg.appendChild(svgText(labelWidth - 8, y + 18, element.label, "end"));
      [[earlier, "smh-chart__before", 6, 16], [latest, "smh-chart__now", 3, 14]]
        .forEach(function (spec) {
          if (!spec[0]) return;
          var rank = rankOf(element, spec[0].ratings[element.id]);
          if (rank < 0) return;
          var bar = document.createElementNS(SVG, "rect");
          bar.setAttribute("x", labelWidth);
          bar.setAttribute("y", y + spec[2]);
          bar.setAttribute("height", spec[3] + (spec[1] === "smh-chart__before" ? 6 : 0));
          bar.setAttribute("width", (barWidth * (rank + 1)) / levelNames.length);
          bar.setAttribute("class", spec[1]);
          svg.appendChild(bar);
        });
    });
    // The same as a table, which screen readers read and which prints well.
    var beforeHead = summary.querySelector("[data-smh-before]");
    beforeHead.textContent = earlier
      ? fill(form.getAttribute("data-before"), { date: showDate(earlier.date) }) : "";
    beforeHead.hidden = !earlier;
    var body = summary.querySelector("tbody");
    body.textContent = "";
    list.forEach(function (element) {
      var row = document.createElement("tr");
      var head = document.createElement("th");
      head.scope = "row";
      head.textContent = element.label;
      row.appendChild(head);
      [latest, earlier].forEach(function (a) {
        if (!a) return;
        var rank = rankOf(element, a.ratings[element.id]);
        var cell = document.createElement("td");
        cell.textContent = rank >= 0 ? levelNames[rank] : notRated;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    renderPlan();
  }
  function renderPlan() {
    if (!plan) return;
    var data = load();
    var body = plan.querySelector("tbody");
    var template = document.getElementById("smh-plan-row");
    var labels = {};
    elements().forEach(function (e) { labels[e.id] = e.label; });
    body.textContent = "";
    data.plan.forEach(function (item, index) {
      var row = template.content.firstElementChild.cloneNode(true);
      row.querySelector("[data-cell=element]").textContent = labels[item.element] || item.element;
      all("[data-field]", row).forEach(function (field) {
        var name = field.getAttribute("data-field");
        field.id = "smh-plan-" + index + "-" + name;
        row.querySelector("[data-for=" + name + "]").setAttribute("for", field.id);
        field.value = item[name] || (name === "status" ? "todo" : "");
      });
      row.setAttribute("data-index", String(index));
      body.appendChild(row);
    });
    plan.querySelector(".smh-plan__empty").hidden = data.plan.length > 0;
    plan.querySelector(".md-typeset__scrollwrap").hidden = data.plan.length === 0;
  }
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ratings = {};
      elements().forEach(function (element) {
        var chosen = element.levels.filter(function (i) { return i.checked; })[0];
        if (chosen) ratings[element.id] = chosen.value;
      });
      var data = load();
      var date = today();
      data.assessments = data.assessments.filter(function (a) { return a.date !== date; });
      data.assessments.push({ date: date, ratings: ratings });
      save(data);
      renderAssessment();
      summary.querySelector("h2").setAttribute("tabindex", "-1");
      summary.querySelector("h2").focus();
    });
    plan.querySelector("[data-smh-plan-lowest]").addEventListener("click", function () {
      var data = load();
      var latest = data.assessments[data.assessments.length - 1];
      if (!latest) return;
      var ranked = elements().map(function (e) {
        return { id: e.id, rank: rankOf(e, latest.ratings[e.id]) };
      }).filter(function (e) { return e.rank >= 0; });
      var lowest = Math.min.apply(null, ranked.map(function (e) { return e.rank; }));
      ranked.filter(function (e) { return e.rank === lowest; }).forEach(function (e) {
        if (!data.plan.some(function (row) { return row.element === e.id; })) {
          data.plan.push({ element: e.id, action: "", who: "", when: "", status: "todo" });
        }
      });
      save(data);
      renderPlan();
    });
    plan.querySelector("[data-smh-plan-add]").addEventListener("click", function () {
      var data = load();
      data.plan.push({ element: "", action: "", who: "", when: "", status: "todo" });
      save(data);
      renderPlan();
      var rows = plan.querySelectorAll("tbody tr");
      rows[rows.length - 1].querySelector("textarea").focus();
    });
    plan.addEventListener("input", function (event) { editPlan(event.target); });
    plan.addEventListener("change", function (event) { editPlan(event.target); });
    plan.addEventListener("click", function (event) {
      var button = event.target.closest("[data-smh-plan-remove]");
      if (!button) return;
      var data = load();
      data.plan.splice(Number(button.closest("tr").getAttribute("data-index")), 1);
      save(data);
      renderPlan();
      plan.querySelector("[data-smh-plan-add]").focus();
    });
  }
  function editPlan(field) {
    var name = field.getAttribute && field.getAttribute("data-field");
    var row = field.closest && field.closest("tr[data-index]");
    if (!name || !row) return;
    var data = load();
    var item = data.plan[Number(row.getAttribute("data-index"))];
    if (!item) return;
    item[name] = field.value;
    save(data);
  }

  // ------------------------------------------------------------------ print, export, import, erase
  all("[data-smh-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  function renderAll() {
    renderModule();
    renderPathways();
    renderRecord();
    renderLogs();
    renderAssessment();
  }
  var storage = document.querySelector("[data-smh-storage]");
  if (storage) {
    var message = storage.querySelector(".smh-storage__message");
    var fileInput = storage.querySelector("[data-smh-import]");
    storage.querySelector(".smh-storage__tools").hidden = false;
    storage.querySelector("[data-smh-export]").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "learning-" + today() + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    storage.querySelector("[data-smh-import-button]").addEventListener("click", function () {
      fileInput.click();
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      file.text().then(function (raw) {
        save(merge(load(), parse(raw)));
        message.textContent = storage.getAttribute("data-imported");
        renderAll();
      }).catch(function () {
        message.textContent = storage.getAttribute("data-import-failed");
      }).finally(function () { fileInput.value = ""; });
    });
    storage.querySelector("[data-smh-erase]").addEventListener("click", function () {
      if (!window.confirm(storage.getAttribute("data-erase-confirm"))) return;
      memory = null;
      try { window.localStorage.removeItem(KEY); } catch (error) { /* nothing stored */ }
      message.textContent = storage.getAttribute("data-erased");
      renderAll();
    });
  }
  renderAll();
})();
