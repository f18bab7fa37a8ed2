/* coursesite: the reader's colour scheme (跟随系统 / 浅色 / 深色, chosen with
   the theme button in main.js), put on <html data-theme> before the first
   paint. A classic blocking script in <head>, so it runs before the body is
   drawn; no inline script (the site has none). "system" leaves the colours to
   prefers-color-scheme; style.css shows the button only once this has run. */
(function () {
  "use strict";
  var choice = "system";
  try {
    var stored = window.localStorage.getItem("coursesite:theme");
    if (stored === "light" || stored === "dark") choice = stored;
  } catch (e) { /* storage off: follow the system */ }
  document.documentElement.setAttribute("data-theme", choice);
})();
