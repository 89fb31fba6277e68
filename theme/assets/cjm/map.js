/* The journey map's view on screen: lane labels and stage headers that stay in
   view while the map scrolls either way, zoom (fit to width, actual size, in,
   out), the map alone in full screen, and a strip of stages to jump to.
   Progressive: without JavaScript the controls stay hidden and the map scrolls
   in its frame. The sticky labels are <use> views of the map itself (no second
   drawing, no copied ids), placed from the geometry the drawing writes on its
   root (data-cjm-columns, data-cjm-rows) and hidden from assistive technology:
   the map stays one image, with the table as its text. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MIN_ZOOM = 0.2;
  var MAX_ZOOM = 2;
  // Paper needs no script: the build puts the map's printed pieces (stage groups
  // with their labels and headers, as <use> views) beside it; see printing.py.

  function numbers(value) {
    return (value || "").split(" ").filter(Boolean).map(Number);
  }

  function view(id, box) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", box.join(" "));
    svg.setAttribute("preserveAspectRatio", "xMinYMin slice");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(SVG, "use");
    use.setAttribute("href", "#" + id);
    svg.appendChild(use);
    return svg;
  }

  function setup(figure) {
    var scroll = figure.querySelector(".cjm-map__scroll");
    var map = scroll && scroll.querySelector("svg.cjm-journey-map");
    if (!map || !map.id || figure.hasAttribute("data-cjm-live")) return;
    var columns = numbers(map.getAttribute("data-cjm-columns"));
    var rows = numbers(map.getAttribute("data-cjm-rows"));
    var size = numbers(map.getAttribute("viewBox"));
    if (columns.length < 2 || rows.length < 3 || size.length !== 4) return;
    figure.setAttribute("data-cjm-live", "");
    var width = size[2], height = size[3], label = columns[0];
    var headTop = rows[0], head = rows[1] - rows[0];

    var parts = {
      head: view(map.id, [0, headTop, width, head]),
      column: view(map.id, [0, 0, label, height]),
      corner: view(map.id, [0, headTop, label, head])
    };
    Object.keys(parts).forEach(function (name) {
      var holder = document.createElement("div");
      holder.className = "cjm-map__sticky cjm-map__sticky--" + name;
      holder.setAttribute("aria-hidden", "true");
      holder.appendChild(parts[name]);
      scroll.appendChild(holder);
      parts[name] = holder;
    });
    scroll.classList.add("cjm-map__scroll--live");

    var tools = figure.querySelector(".cjm-map__tools");
    var jump = figure.querySelector(".cjm-map__jump");
    var said = figure.querySelector(".cjm-map__zoom");
    var saidWords = (tools && tools.getAttribute("data-cjm-said")) || "Zoom {percent}%";
    var zoom = 1, fitting = false;

    function place(element, w, h, top) {
      element.style.width = w + "px";
      element.style.height = h + "px";
      if (top !== undefined) element.style.marginTop = top + "px";
      var inner = element.firstChild;
      inner.setAttribute("width", w);
      inner.setAttribute("height", h);
    }

    function apply(next, fit) {
      fitting = fit;
      if (fit) next = (scroll.clientWidth - 2) / width;
      zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
      map.style.width = width * zoom + "px";
      map.style.height = height * zoom + "px";
      place(parts.head, width * zoom, head * zoom, headTop * zoom);
      place(parts.column, label * zoom, height * zoom);
      place(parts.corner, label * zoom, head * zoom, headTop * zoom);
      if (said) said.textContent = saidWords.replace("{percent}", String(Math.round(zoom * 100)));
    }

    function current() {
      // The stage that fills most of the view's left edge, beside the labels.
      var x = scroll.scrollLeft / zoom + label + (columns[1] - columns[0]) / 2;
      var index = 0;
      for (var i = 0; i < columns.length - 1; i += 1) if (columns[i] <= x) index = i;
      return index + 1;
    }

    function mark() {
      if (!jump) return;
      var at = String(current());
      Array.prototype.forEach.call(jump.querySelectorAll("button"), function (button) {
        if (button.getAttribute("data-cjm-stage") === at) button.setAttribute("aria-current", "true");
        else button.removeAttribute("aria-current");
      });
    }

    if (tools) {
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) return;
        var how = button.getAttribute("data-cjm-zoom");
        if (how === "fit") apply(0, true);
        else if (how === "in") apply(zoom * 1.25, false);
        else if (how === "out") apply(zoom / 1.25, false);
        else if (how) apply(Number(how), false);
        else if (button.hasAttribute("data-cjm-full")) alone(!figure.classList.contains("cjm-map--alone"));
      });
      tools.hidden = false;
    }

    var full = tools && tools.querySelector("[data-cjm-full]");
    // The words come from the page, in the site's language (cjm-site's vocabulary).
    var fullWords = full ? full.textContent : "";
    var backWords = (full && full.getAttribute("data-cjm-back")) || "Back to the page";
    function alone(on) {
      figure.classList.toggle("cjm-map--alone", on);
      // An attribute, not a class: the page's root is not cjm-site's markup.
      document.documentElement.toggleAttribute("data-cjm-alone", on);
      if (full) {
        full.setAttribute("aria-pressed", on ? "true" : "false");
        full.textContent = on ? backWords : fullWords;
      }
      if (fitting) apply(0, true);
      if (on && full) full.focus();
    }
    figure.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && figure.classList.contains("cjm-map--alone")) alone(false);
    });

    if (jump) {
      jump.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-cjm-stage]");
        if (!button) return;
        var index = Number(button.getAttribute("data-cjm-stage")) - 1;
        scroll.scrollTo({ left: (columns[index] - label) * zoom, behavior: "auto" });
        mark();
      });
      jump.hidden = false;
    }
    // A storyboard picture opens full size on a click. The map is one image to
    // assistive technology, so keyboard and screen reader users have the same
    // links in the table under the map instead of focusable links inside it.
    scroll.addEventListener("click", function (event) {
      var picture = event.target.closest ? event.target.closest("[data-cjm-href]") : null;
      if (picture) window.location.href = picture.getAttribute("data-cjm-href");
    });
    scroll.addEventListener("scroll", mark, { passive: true });
    window.addEventListener("resize", function () { if (fitting) apply(0, true); });
    apply(1, false);
    mark();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.cjm-map"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
