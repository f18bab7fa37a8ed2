/* coursesite: content tabs (`=== "标签"` in Markdown). Each `.tabs` set gets a
   working tab list: click or arrow keys (Home/End too) switch panels. The label
   chosen is remembered (localStorage) and selected in every tab set of every
   page that has it. Without this script every panel shows under its label. */
(function () {
  "use strict";
  var KEY = "coursesite-tab";
  function remembered() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(label) {
    try { localStorage.setItem(KEY, label); } catch (e) { /* private mode: fine */ }
  }
  function tabsOf(set) {
    return Array.prototype.filter.call(set.querySelectorAll('[role="tab"]'), function (t) {
      return t.closest(".tabs") === set;
    });
  }
  function select(set, tab, focus) {
    tabsOf(set).forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
  }
  function selectLabel(label) {
    if (!label) return;
    document.querySelectorAll(".tabs.js").forEach(function (set) {
      var match = tabsOf(set).filter(function (t) { return t.textContent === label; })[0];
      if (match) select(set, match, false);
    });
  }
  function setUp(set) {
    var tabs = tabsOf(set);
    if (!tabs.length) return;
    set.classList.add("js");
    select(set, tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0], false);
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () {
        remember(tab.textContent);
        select(set, tab, false);
        selectLabel(tab.textContent);
      });
      tab.addEventListener("keydown", function (e) {
        var to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        var next = tabs[(to + tabs.length) % tabs.length];
        remember(next.textContent);
        select(set, next, true);
        selectLabel(next.textContent);
      });
    });
  }
  document.querySelectorAll(".tabs[data-tabs]").forEach(setUp);
  selectLabel(remembered());
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) selectLabel(e.newValue);
  });
})();
