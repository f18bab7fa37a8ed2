/* coursesite default theme: the few behaviours CSS cannot do alone.
   Vanilla JS, no network, works from file://. Every feature degrades to plain
   links when scripts are off. */
(function () {
  "use strict";
  // 404.html links its scripts twice (from base_path, and relatively for
  // file://): where both load, the second copy must not bind everything again.
  if (window.coursesiteMain) return;
  window.coursesiteMain = true;

  var body = document.body;
  // The UI's words, in the course's language: strings.js (written by the
  // build, shared by every page) instead of attributes repeated in each page.
  var T = function (key) { return (window.coursesiteStrings || {})[key] || ""; };
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
  // The drawer's own close button (phones; hidden where the sidebar is fixed).
  var closer = sidebar && sidebar.querySelector(".menu-close");
  if (closer) {
    closer.hidden = false;
    closer.addEventListener("click", function () { setMenu(false, true); });
  }

  /* The colour-scheme button (top bar, deck toolbar): 跟随系统 → 浅色 → 深色.
     The choice is kept in localStorage (file:// too) and put on <html
     data-theme> by theme/colour.js before every page's first paint; the
     stylesheets' dark rules follow it (src/render/dark.rs). The button's name
     says the scheme in use. */
  (function themeButton() {
    var KEY = "coursesite:theme";
    var ORDER = ["system", "light", "dark"];
    var root = document.documentElement;
    var buttons = document.querySelectorAll(".theme-toggle");
    if (!buttons.length) return;
    var known = function (c) { return ORDER.indexOf(c) < 0 ? "system" : c; };
    function show(choice) {
      root.setAttribute("data-theme", choice);
      Array.prototype.forEach.call(buttons, function (b) {
        var name = T("theme_label") + T("colon") + (T("theme_" + choice) || choice);
        b.setAttribute("aria-label", name);
        b.title = name;
      });
    }
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener("click", function () {
        var next = ORDER[(ORDER.indexOf(known(root.getAttribute("data-theme"))) + 1) % ORDER.length];
        try {
          if (next === "system") window.localStorage.removeItem(KEY);
          else window.localStorage.setItem(KEY, next);
        } catch (e) { /* storage off: this page only */ }
        show(next);
      });
    });
    show(known(root.getAttribute("data-theme")));
    // Changed in another tab or window (a deck's presenter view): follow it.
    window.addEventListener("storage", function (e) {
      if (e.key === KEY || e.key === null) show(known(e.newValue || "system"));
    });
  })();

  /* A large course's sidebar comes from the shared nav.js (one file for every
     page, cached by the browser) rather than from each page: the sections,
     the current one open with the pages around the current page, the same
     markup as the theme's macros/nav.html. Without scripts the page still
     has its breadcrumbs, prev/next and the home page's contents. */
  var navList = sidebar && sidebar.querySelector(".nav-tree[data-nav-page]");
  if (navList && window.coursesiteNav) {
    navList.insertAdjacentHTML("beforeend", sidebarHtml(window.coursesiteNav, navList.getAttribute("data-nav-page"), navList.getAttribute("data-nav-root") || ""));
  }
  function sidebarHtml(tree, here, root) {
    var esc = function (s) {
      return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
    };
    var link = function (item) {
      return '<a href="' + esc(root + item.u) + '"' + (item.u === here ? ' aria-current="page"' : "") + ">" + esc(item.t) + "</a>";
    };
    var holds = function (sec) {
      return sec.u === here || sec.p.some(function (p) { return p.u === here; }) || sec.s.some(holds);
    };
    var span = 2 * tree.window + 1;
    var section = function (sec) {
      var open = holds(sec);
      var pages = open ? sec.p : [];
      var from = 0;
      if (pages.length > span) {
        var at = pages.findIndex(function (p) { return p.u === here; });
        from = at < 0 ? 0 : Math.min(Math.max(0, at - tree.window), pages.length - span);
      }
      var shown = pages.slice(from, from + span);
      var children = shown.map(function (p) { return "<li>" + link(p) + "</li>"; }).join("") + sec.s.map(section).join("");
      var partial = shown.length < sec.p.length;
      var out = "<li" + (children || partial ? ' class="nav-section' + (open ? " is-open" : "") + '"' : "") + ">" + link(sec);
      if (children) {
        var more = partial ? '<li class="nav-more"><a href="' + esc(root + sec.u) + '">' + esc(tree.more.replace("{n}", sec.p.length)) + "</a></li>" : "";
        out += "<ul>" + children + more + "</ul>";
      } else if (partial) {
        out += ' <span class="nav-count">' + sec.p.length + "</span>";
      }
      return out + "</li>";
    };
    return tree.items.map(function (item) { return item.p ? section(item) : "<li>" + link(item) + "</li>"; }).join("");
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
        // A click, not a jump: whoever handles the pager (scorm.js in a learning platform) sees it.
        link.click();
      }
    }
  });

  /* Quiz cards (home and section pages) show the score their quiz was last
     checked with: quiz.js keeps it by the quiz page's URL. */
  Array.prototype.forEach.call(document.querySelectorAll(".card.kind-quiz > a.card-title"), function (a) {
    var score = null;
    try { score = window.localStorage.getItem("coursesite:score:" + a.href.split("#")[0]); } catch (e) { /* storage off */ }
    if (!score) return;
    var parts = score.split("/");
    var tag = document.createElement("span");
    tag.className = "card-score";
    tag.textContent = (T("quiz_score") || "{score} / {total}").replace("{score}", parts[0]).replace("{total}", parts[1]);
    a.insertAdjacentElement("afterend", tag);
  });

  /* Long pages on a phone: how far one has read (a bar under the top bar), and
     two buttons at hand — the page's contents (本页内容 sits after the 教案
     form there) and back to the top, shown once the page is scrolled. */
  (function pageTools() {
    var article = document.querySelector("main .page");
    if (!article || !window.matchMedia) return;
    var bar = document.createElement("div");
    bar.className = "read-progress";
    bar.setAttribute("aria-hidden", "true");
    body.appendChild(bar);
    var tools = document.createElement("div");
    tools.className = "page-tools";
    var toc = document.querySelector(".toc ol");
    var panel = null;
    if (toc) {
      var open = document.createElement("button");
      open.type = "button";
      open.className = "page-tools-toc";
      open.textContent = T("on_this_page") || "";
      open.setAttribute("aria-expanded", "false");
      panel = document.createElement("nav");
      panel.className = "page-tools-panel";
      panel.setAttribute("aria-label", open.textContent);
      panel.hidden = true;
      panel.appendChild(toc.cloneNode(true));
      open.addEventListener("click", function () {
        panel.hidden = !panel.hidden;
        open.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
      });
      panel.addEventListener("click", function (e) {
        if (e.target.closest("a")) { panel.hidden = true; open.setAttribute("aria-expanded", "false"); }
      });
      tools.appendChild(panel);
      tools.appendChild(open);
    }
    var top = document.createElement("button");
    top.type = "button";
    top.className = "page-tools-top";
    top.setAttribute("aria-label", T("back_to_top") || "↑");
    top.textContent = "↑";
    top.addEventListener("click", function () {
      window.scrollTo({ top: 0 });
      document.getElementById("main").focus({ preventScroll: true });
    });
    tools.appendChild(top);
    body.appendChild(tools);
    var onScroll = function () {
      var room = document.documentElement.scrollHeight - window.innerHeight;
      bar.style.transform = "scaleX(" + (room > 0 ? Math.min(1, window.scrollY / room) : 0) + ")";
      tools.classList.toggle("is-scrolled", window.scrollY > window.innerHeight);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    onScroll();
  })();

  /* A figure opens full screen on a tap, at twice the width of a phone, to be
     panned and pinched: drawn for paper, its labels are unreadable at 360 px. */
  Array.prototype.forEach.call(document.querySelectorAll(".content img"), function (img) {
    if (img.closest("a")) return;
    img.classList.add("zoomable");
    img.addEventListener("click", function () {
      var box = document.createElement("div");
      box.className = "img-zoom";
      box.setAttribute("role", "dialog");
      box.setAttribute("aria-modal", "true");
      box.setAttribute("aria-label", img.alt || "");
      var close = document.createElement("button");
      close.type = "button";
      close.className = "img-zoom-close";
      close.setAttribute("aria-label", T("zoom_close") || "×");
      close.textContent = "×";
      var big = img.cloneNode();
      big.className = "img-zoom-picture";
      var done = function () {
        box.remove();
        document.removeEventListener("keydown", onKey);
        img.focus({ preventScroll: true });
      };
      var onKey = function (e) { if (e.key === "Escape") done(); };
      close.addEventListener("click", done);
      big.addEventListener("click", done);
      document.addEventListener("keydown", onKey);
      box.appendChild(close);
      box.appendChild(big);
      body.appendChild(box);
      close.focus();
    });
  });

  /* Where jumps land: below every bar stuck to the top of the window (the
     top bar, and a script's toolbar or the glossary's letter bar), measured,
     for style.css's scroll-margin-top and for the contents' highlight. Once
     every deferred script has run: script.js shows the script's toolbar. */
  var stuck = function () {
    var h = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".topbar, .script-toolbar, .letter-bar"), function (bar) {
      var pos = getComputedStyle(bar).position;
      if (pos === "sticky" || pos === "fixed") h += bar.offsetHeight;
    });
    document.body.style.setProperty("--sticky-h", h + "px");
    return h;
  };
  document.addEventListener("DOMContentLoaded", function () {
    var stickyH = stuck();
    window.addEventListener("resize", stuck);
    // A jump made before the bars were measured lands again.
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
    contents(stickyH);
  });

  /* On-page contents: mark the section being read (one entry: the first
     heading in the window below the bars stuck to its top). */
  function contents(stickyH) {
    var tocLinks = document.querySelectorAll(".toc a[href^='#']");
    if (!tocLinks.length || !("IntersectionObserver" in window)) return;
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
    }, { rootMargin: "-" + stickyH + "px 0px -60% 0px" });
    headings.forEach(function (h) { observer.observe(h); });
  }

  /* Glossary terms: hover, keyboard focus or a tap shows the short definition
     (from the shared terms.js, a classic script loaded before this one, so it
     works offline and from file://; keyed by the term's id, the link's
     fragment). A second tap, or Enter, follows the link to the glossary. Esc
     or a tap elsewhere closes. */
  var terms = document.querySelectorAll("a.term");
  var termDef = function (a) {
    var defs = window.coursesiteTerms || {};
    var own = function (key) { return Object.prototype.hasOwnProperty.call(defs, key); };
    var id = a.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* a stray %: use it as written */ }
    // print.html gives each chapter's anchors its chapter's prefix, page-N-
    // (render/print): the term's id follows it.
    if (!own(id)) id = id.replace(/^page-\d+-/, "");
    return own(id) ? defs[id] : "";
  };
  if (terms.length) {
    var tip = document.createElement("div");
    tip.className = "term-tip";
    tip.id = "term-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var owner = null;

    var show = function (a) {
      if (owner === a && !tip.hidden) return;
      owner = a;
      tip.textContent = "";
      var title = document.createElement("span");
      title.className = "term-tip-title";
      title.textContent = a.textContent;
      var def = document.createElement("span");
      def.textContent = termDef(a);
      tip.appendChild(title);
      tip.appendChild(def);
      // The way on to the whole entry, for a finger that cannot hover.
      var more = document.createElement("a");
      more.className = "term-tip-more";
      more.href = a.href;
      more.textContent = T("term_more") || "→";
      tip.appendChild(more);
      tip.hidden = false;
      a.setAttribute("aria-describedby", "term-tip");
      var r = a.getBoundingClientRect();
      var width = tip.offsetWidth;
      var left = Math.min(Math.max(8, r.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
      tip.style.left = Math.max(8, left) + "px";
      tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    };
    var hide = function () {
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
      tip.hidden = true;
    };

    Array.prototype.forEach.call(terms, function (a) {
      a.addEventListener("mouseenter", function () { show(a); });
      a.addEventListener("mouseleave", function (e) { if (e.relatedTarget !== tip) hide(); });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", hide);
      a.addEventListener("click", function (e) {
        // A touch tap opens the tooltip first; the next tap follows the link.
        if (a.getAttribute("data-tapped") !== "1" && e.pointerType === "touch") {
          e.preventDefault();
          a.setAttribute("data-tapped", "1");
          show(a);
        }
      });
      a.addEventListener("touchstart", function () {
        if (owner !== a) a.removeAttribute("data-tapped");
      }, { passive: true });
    });
    tip.addEventListener("mouseleave", hide);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !tip.hidden) hide();
    });
    document.addEventListener("pointerdown", function (e) {
      if (!tip.hidden && e.target !== owner && !tip.contains(e.target) && !(owner && owner.contains(e.target))) {
        if (owner) owner.removeAttribute("data-tapped");
        hide();
      }
    });
  }
})();
