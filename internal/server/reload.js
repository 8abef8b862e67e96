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

  // The server sends the current build when the stream opens and after
  // each build. A hidden tab closes its stream, and opens it again when
  // shown, which tells it whether it missed a build: so background tabs
  // hold no connection (a browser allows six per host) and a page that
  // reconnects to a restarted server reloads.
  var events = null;
  function connect() {
    if (events) {
      return;
    }
    events = new EventSource("/_guidegen/events");
    events.addEventListener("build", function (e) {
      if (e.data !== build) {
        disconnect();
        reload();
      }
    });
  }
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      disconnect();
    } else {
      connect();
    }
  });
  if (!document.hidden) {
    connect();
  }
})();
