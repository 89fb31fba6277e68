/* Filters for cjm-site's generated tables. Progressive: without JavaScript the
   form stays hidden and every row is shown. */
(function () {
  "use strict";

  function parseList(value) {
    try {
      var parsed = JSON.parse(value || "[]");
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch (err) {
      return [];
    }
  }

  function setup(form) {
    if (form.dataset.cjmReady) return;
    form.dataset.cjmReady = "1";
    var root = form.parentElement;
    var table = root.querySelector("[data-cjm-catalogue]");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var empty = root.querySelector("[data-cjm-empty]");
    var count = form.querySelector("output");
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name);
    });

    function apply() {
      var q = (form.elements.q.value || "").trim().toLowerCase();
      var persona = form.elements.persona ? form.elements.persona.value : "";
      var owner = form.elements.owner ? form.elements.owner.value : "";
      var kind = form.elements.kind ? form.elements.kind.value : "";
      var tag = form.elements.tag ? form.elements.tag.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var d = row.dataset;
        var ok = (!q || (d.search || "").indexOf(q) !== -1) &&
          (!persona || parseList(d.personas).indexOf(persona) !== -1) &&
          (!owner || d.owner === owner) &&
          (!kind || d.kind === kind) &&
          (!tag || parseList(d.tags).indexOf(tag) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "Showing " + shown + " of " + rows.length;
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
