/* coursesite default theme: the few behaviours CSS cannot do alone.
   Vanilla JS, no network, works from file://. Every feature degrades to plain
   links when scripts are off. */
(function () {
  "use strict";

  var body = document.body;
  var toggle = document.querySelector(".menu-toggle");
  var sidebar = document.getElementById("sidebar");
  var scrim = document.querySelector(".scrim");

  /* Mobile: the sidebar is a drawer opened by the menu button. */
  function setMenu(open, focusButton) {
    if (!toggle || !sidebar) return;
    body.classList.toggle("nav-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (scrim) scrim.hidden = !open;
    if (open) {
      var target = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a");
      if (target) target.focus({ preventScroll: true });
    } else if (focusButton) {
      toggle.focus();
    }
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      setMenu(!body.classList.contains("nav-open"), false);
    });
  }
  if (scrim) {
    scrim.addEventListener("click", function () { setMenu(false, true); });
  }

  /* Keep the current page visible in a long sidebar. */
  if (sidebar) {
    var current = sidebar.querySelector('[aria-current="page"]');
    if (current && sidebar.scrollHeight > sidebar.clientHeight) {
      sidebar.scrollTop = Math.max(0, current.offsetTop - sidebar.clientHeight / 3);
    }
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName));
  }

  /* Keys: Esc closes the menu; ← → turn pages like a book (上一页 / 下一页). */
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && body.classList.contains("nav-open")) {
      setMenu(false, true);
      return;
    }
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || typing(e.target)) return;
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      var link = document.querySelector(e.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
      if (link) {
        e.preventDefault();
        window.location.href = link.href;
      }
    }
  });

  /* On-page contents: mark the section being read. */
  var tocLinks = document.querySelectorAll(".toc a[href^='#']");
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    var headings = [];
    Array.prototype.forEach.call(tocLinks, function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = document.getElementById(id);
      if (h) { byId[id] = a; headings.push(h); }
    });
    var visible = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { active = headings[i].id; break; }
      }
      if (!active) return;
      Array.prototype.forEach.call(tocLinks, function (a) { a.classList.remove("is-active"); });
      byId[active].classList.add("is-active");
    }, { rootMargin: "0px 0px -60% 0px" });
    headings.forEach(function (h) { observer.observe(h); });
  }
})();
