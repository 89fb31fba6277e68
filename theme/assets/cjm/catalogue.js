/* Filters for cjm-site's generated tables (the catalogue, the backlog, ...).
   Progressive: without JavaScript the form stays hidden and every row is shown.

   A `form[data-cjm-filters]` filters the table beside it (in the form's parent:
   the table marked `data-cjm-filtered` or `data-cjm-catalogue`, else the first
   table). Each named <select> keeps the rows whose `data-<name>` attribute
   (or `data-<name>s`, for lists such as `data-tags`) equals the chosen value
   or, when it holds a JSON list, contains it; an empty choice keeps every row.
   The text field `q` keeps rows whose `data-search` contains what is typed.
   `?name=value` in the page's address pre-fills a field, so a filtered table
   can be shared as a link. */
(function () {
  "use strict";

  function parseList(value) {
    try {
      var parsed = JSON.parse(value);
      return Array.isArray(parsed) ? parsed.map(String) : null;
    } catch (err) {
      return null;
    }
  }

  /* The row's value for a filter named `name`: data-<name>, else data-<name>s. */
  function rowValue(row, name) {
    var value = row.getAttribute("data-" + name);
    return value !== null ? value : row.getAttribute("data-" + name + "s");
  }

  function matches(value, wanted) {
    if (value === null) return false;
    if (value === wanted) return true;
    if (value.charAt(0) !== "[") return false;
    var list = parseList(value);
    return list !== null && list.indexOf(wanted) !== -1;
  }

  function setup(form) {
    if (form.dataset.cjmReady) return;
    var root = form.parentElement;
    var table = root.querySelector("table[data-cjm-filtered], table[data-cjm-catalogue]") ||
      root.querySelector("table");
    if (!table || !table.tBodies.length) return;
    form.dataset.cjmReady = "1";
    /* Rows of every tbody; a row marked data-cjm-group heads its tbody and shows
       while any row of the tbody does. */
    var rows = [];
    var groups = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (row.hasAttribute("data-cjm-group")) groups.push(row);
        else rows.push(row);
      });
    });
    /* Rows marked data-cjm-sub (a persona's row under its map) are not counted. */
    var total = rows.filter(function (row) { return !row.hasAttribute("data-cjm-sub"); }).length;
    var empty = root.querySelector("[data-cjm-empty]");
    var count = form.querySelector("output");
    var selects = Array.prototype.filter.call(form.elements, function (field) {
      return field.tagName === "SELECT" && field.name;
    });
    var text = form.elements.q;
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name);
    });

    function apply() {
      var q = text ? (text.value || "").trim().toLowerCase() : "";
      var chosen = selects
        .filter(function (select) { return select.value !== ""; })
        .map(function (select) { return [select.name, select.value]; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !q || (row.getAttribute("data-search") || "").indexOf(q) !== -1;
        for (var i = 0; ok && i < chosen.length; i += 1) {
          ok = matches(rowValue(row, chosen[i][0]), chosen[i][1]);
        }
        row.hidden = !ok;
        if (ok && !row.hasAttribute("data-cjm-sub")) shown += 1;
      });
      groups.forEach(function (group) {
        var body = group.parentElement;
        group.hidden = !Array.prototype.some.call(body.rows, function (row) {
          return row !== group && !row.hidden;
        });
      });
      if (count) {
        // The words come from the page, in the site's language (cjm-site's vocabulary).
        var words = form.getAttribute("data-cjm-showing") || "Showing {shown} of {total}";
        count.textContent = words.replace("{shown}", String(shown)).replace("{total}", String(total));
      }
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-cjm-filters]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
