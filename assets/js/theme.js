// Loaded in <head>, before the style sheet, so that a colour theme chosen
// with the toggle (site.js) applies before the first paint. Without
// JavaScript or a stored choice, the page follows the system setting.
(function () {
  var d = document.documentElement;
  d.classList.add("js");
  try {
    var t = localStorage.getItem("guidegen-theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
