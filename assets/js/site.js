// guidegen's reader enhancements; the site works without them.
// Self-hosted, loaded with defer; no inline script or style (strict CSP).
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var wide = window.matchMedia("(min-width: 60rem)");
  var tocWide = window.matchMedia("(min-width: 70rem)");

  // ---- Colour theme: auto (the system setting) → light → dark → auto.
  var KEY = "guidegen-theme";
  var toggle = doc.querySelector(".theme-toggle");
  function stored() {
    try { return localStorage.getItem(KEY) || "auto"; } catch (e) { return "auto"; }
  }
  function apply(theme) {
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    else { root.removeAttribute("data-theme"); theme = "auto"; }
    if (toggle) {
      var word = toggle.getAttribute("data-" + theme);
      toggle.setAttribute("data-state", theme);
      toggle.setAttribute("aria-label", toggle.getAttribute("data-label") + ": " + word);
      toggle.querySelector(".theme-text").textContent = word;
    }
  }
  if (toggle) {
    apply(stored());
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var next = { auto: "light", light: "dark", dark: "auto" }[toggle.getAttribute("data-state")] || "auto";
      try {
        if (next === "auto") localStorage.removeItem(KEY); else localStorage.setItem(KEY, next);
      } catch (e) { /* not remembered, still applied */ }
      apply(next);
    });
  }

  // ---- Menu and table of contents are <details>: open on wide screens in
  // browsers without ::details-content (the style sheet shows them there).
  var menu = doc.querySelector(".site-menu");
  var toc = doc.querySelector(".toc");
  function layout() {
    if (menu && wide.matches) menu.open = true;
    if (toc && tocWide.matches) toc.open = true;
  }
  layout();
  wide.addEventListener("change", function () { if (menu) menu.open = wide.matches; });
  tocWide.addEventListener("change", function () { if (toc) toc.open = tocWide.matches; });
  if (menu) {
    menu.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // ---- A table region, or the labels of content tabs, is a tab stop
  // only while it scrolls (the markup makes every one focusable, which is
  // right without JavaScript).
  var wrapsTimer = 0;
  function tableStops() {
    doc.querySelectorAll(".table-wrap, .tabbed-labels").forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) w.setAttribute("tabindex", "0");
      else if (w !== doc.activeElement) w.removeAttribute("tabindex");
    });
  }
  tableStops();
  window.addEventListener("resize", function () {
    clearTimeout(wrapsTimer);
    wrapsTimer = setTimeout(tableStops, 150);
  });

  // ---- The current section, highlighted in the table of contents.
  if (toc && "IntersectionObserver" in window) {
    var links = {}, heads = [];
    toc.querySelectorAll("a[href^='#']").forEach(function (a) {
      var id = a.getAttribute("href").slice(1), h;
      try { id = decodeURIComponent(id); } catch (e) { /* keep it as written */ }
      h = doc.getElementById(id);
      if (h) { links[id] = a; heads.push(h); }
    });
    var visible = {};
    var current = null;
    function mark() {
      // The first heading in view, else the last one above the viewport.
      var pick = null;
      for (var i = 0; i < heads.length; i++) {
        if (visible[heads[i].id]) { pick = heads[i]; break; }
        if (heads[i].getBoundingClientRect().top < 0) pick = heads[i];
      }
      var a = pick ? links[pick.id] : null;
      if (a === current) return;
      if (current) { current.removeAttribute("aria-current"); current.classList.remove("is-current"); }
      if (a) { a.setAttribute("aria-current", "location"); a.classList.add("is-current"); }
      current = a;
    }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      mark();
    }, { rootMargin: "0px 0px -60% 0px" });
    heads.forEach(function (h) { io.observe(h); });
  }

  // ---- Back to top: a link at the end of the page; with JavaScript it
  // floats in the corner once the reader has scrolled a screen down.
  var top = doc.querySelector(".back-to-top");
  if (top) {
    var shown = null;
    var onScroll = function () {
      var s = window.scrollY > window.innerHeight;
      if (s !== shown) { top.classList.toggle("is-shown", s); shown = s; }
    };
    top.classList.add("is-floating");
    window.addEventListener("scroll", onScroll, { passive: true });
    onScroll();
  }

  // ---- Print every collapsed block open, then restore.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    doc.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; reopened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
})();
