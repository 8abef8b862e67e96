// guidegen serve: reload the page after each build, keeping its scroll
// position. Served by `guidegen serve` only, from the same origin as the
// page (the site's CSP allows script-src 'self'); never part of a build.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var key = "guidegen-scroll:" + location.pathname + location.search;

  function restore() {
    var saved;
    try {
      saved = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
    } catch (e) {
      return;
    }
    if (!saved) {
      return;
    }
    var pos = saved.split(",");
    window.scrollTo(Number(pos[0]) || 0, Number(pos[1]) || 0);
  }
  if (document.readyState === "complete") {
    restore();
  } else {
    window.addEventListener("load", restore);
  }

  function reload() {
    try {
      sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
    } catch (e) {
      // No storage (private mode): reload at the top.
    }
    location.reload();
  }

  var events = new EventSource("/_guidegen/events");
  // The server sends the current build when the stream opens (also after
  // it reconnects, say to a restarted server) and after each build.
  events.addEventListener("build", function (e) {
    if (e.data !== build) {
      events.close();
      reload();
    }
  });
})();
