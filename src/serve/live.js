/* coursesite serve: live reload and the error overlay. Injected by `serve` only,
   never part of a built site. */
(function () {
  "use strict";
  var key = "coursesite-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var restore = function () { window.scrollTo(0, Number(saved) || 0); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be off */ }

  var overlay = null;
  function clearErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function showErrors(text) {
    clearErrors();
    overlay = document.createElement("div");
    overlay.id = "coursesite-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#1b1f24;color:#f0f3f6;border-top:4px solid #e5534b;padding:12px 16px;" +
      "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.35)";
    var title = document.createElement("strong");
    title.style.cssText = "display:block;color:#ff938a;margin-bottom:6px;font-size:14px";
    // The words come from src/i18n.rs, prepended by `serve` (one entry per
    // language). The page served while no build has succeeded is marked: over
    // it there is no "last good version" to speak of.
    var strings = window.coursesiteServeStrings || {};
    var words = strings[document.documentElement.lang] || strings.en || {};
    var noGoodVersion = document.body.hasAttribute("data-coursesite-no-site");
    title.textContent = (noGoodVersion ? words.none : words.errors) || "coursesite";
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0;white-space:pre-wrap;color:inherit;background:none";
    pre.textContent = text;
    overlay.appendChild(title);
    overlay.appendChild(pre);
    document.body.appendChild(overlay);
  }

  var events = new EventSource("/__coursesite/events");
  // For tests and curious teachers: is the reload channel open?
  events.addEventListener("open", function () { window.__coursesiteLive = "open"; });
  events.addEventListener("reload", function () {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  });
  events.addEventListener("build-error", function (e) {
    try { showErrors(JSON.parse(e.data)); } catch (err) { showErrors(String(e.data)); }
  });
  events.addEventListener("ok", clearErrors);
})();
