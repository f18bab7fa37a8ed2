/* coursesite slide decks: navigation, auto-fit, overview, presenter view and
   print. Vanilla JS, no network, works from file://. The deck is a 1280×720
   stage scaled to the window; every slide is laid out (hidden) all the time, so
   auto-fit can measure it. */
(function () {
  "use strict";

  var deck = document.querySelector(".deck");
  var stage = deck && deck.querySelector(".stage");
  if (!stage) return;
  var W = 1280, H = 720, BASE = 30, MIN = 18; // MIN: see MIN_FONT_PX in src/render/slides/fit.rs
  var viewport = deck.querySelector(".viewport");
  var wraps = Array.prototype.slice.call(stage.querySelectorAll(".slide-wrap"));
  var slides = wraps.map(function (w) { return w.querySelector(".slide"); });
  var total = wraps.length;
  var data = {};
  try { data = JSON.parse(document.getElementById("deck-data").textContent); } catch (e) { data = {}; }
  var steps = data.steps || [];
  var t = data.t || {};
  var params = new URLSearchParams(location.search);
  var presenter = params.has("presenter");
  var counter = stage.querySelector(".deck-current");
  var blank = deck.querySelector(".deck-blank");
  var fragments = slides.map(function (s) {
    return Array.prototype.slice.call(s.querySelectorAll("[data-fragments] > li"));
  });
  var current = 0, shown = 0; // slide index, fragments shown on it

  /* ---------------------------------------------------------- auto-fit --- */
  function overflows(body) {
    return body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
  }
  function fit(slide) {
    var body = slide.querySelector(".slide-body");
    var inner = slide.querySelector(".slide-inner");
    if (!body || !inner) return;
    body.style.fontSize = "";
    inner.style.zoom = "";
    slide.removeAttribute("data-fit");
    if (!overflows(body)) return;
    body.style.fontSize = MIN + "px";
    if (overflows(body)) {
      // Below the smallest readable size (the build warned): shrink it whole.
      slide.setAttribute("data-fit", "overfull");
      var z = 1;
      for (var i = 0; i < 6 && overflows(body); i++) {
        z *= Math.min(body.clientHeight / body.scrollHeight, body.clientWidth / body.scrollWidth) * 0.98;
        inner.style.zoom = String(z);
      }
      return;
    }
    var lo = MIN, hi = BASE; // lo fits, hi does not
    while (hi - lo > 0.5) {
      var mid = (lo + hi) / 2;
      body.style.fontSize = mid + "px";
      if (overflows(body)) hi = mid; else lo = mid;
    }
    body.style.fontSize = lo + "px";
    slide.setAttribute("data-fit", "shrunk");
  }
  function fitAll() {
    slides.forEach(fit);
    document.documentElement.setAttribute("data-fitted", "1");
  }

  /* ------------------------------------------------------------ layout --- */
  function place(stageEl, box) {
    var w = box.clientWidth, h = box.clientHeight;
    var s = Math.min(w / W, h / H) || 1;
    stageEl.style.transform = "translate(" + (w - W * s) / 2 + "px," + (h - H * s) / 2 + "px) scale(" + s + ")";
  }
  function layout() {
    place(stage, viewport);
    if (presenter) renderPresenter();
  }

  /* -------------------------------------------------------- navigation --- */
  function clamp(i) { return Math.max(0, Math.min(total - 1, i)); }
  function go(index, frag, remote) {
    index = clamp(index);
    var list = fragments[index];
    frag = frag === "all" ? list.length : Math.max(0, Math.min(list.length, frag || 0));
    var changed = index !== current || frag !== shown;
    wraps[current].classList.remove("is-current");
    current = index;
    shown = frag;
    wraps[current].classList.add("is-current");
    list.forEach(function (li, k) { li.classList.toggle("frag-hidden", k >= shown); });
    if (counter) counter.textContent = String(current + 1);
    var hash = "#" + (current + 1);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (presenter) renderPresenter();
    if (changed && !remote) send();
  }
  function next() {
    if (shown < fragments[current].length) go(current, shown + 1);
    else if (current < total - 1) go(current + 1, 0);
  }
  function prev() {
    if (shown > 0) go(current, shown - 1);
    else if (current > 0) go(current - 1, "all");
  }
  function fromHash() {
    var n = parseInt(location.hash.slice(1), 10);
    return isNaN(n) ? 0 : clamp(n - 1);
  }

  /* ------------------------------------------------- sync (both ways) --- */
  // BroadcastChannel, the `storage` event and postMessage between opener and
  // presenter window: whichever works from file:// in this browser.
  var key = "coursesite-deck:" + location.pathname;
  var me = Math.random().toString(36).slice(2);
  var channel = null;
  var child = null;
  try { channel = new BroadcastChannel(key); } catch (e) { channel = null; }
  function send() {
    var msg = { from: me, slide: current, frag: shown, at: Date.now() };
    if (channel) { try { channel.postMessage(msg); } catch (e) { /* closed */ } }
    try { localStorage.setItem(key, JSON.stringify(msg)); } catch (e) { /* storage off */ }
    [window.opener, child].forEach(function (w) {
      try { if (w && !w.closed) w.postMessage({ coursesiteDeck: key, msg: msg }, "*"); } catch (e) { /* gone */ }
    });
  }
  function receive(msg) {
    if (!msg || msg.from === me || typeof msg.slide !== "number") return;
    if (msg.slide === current && msg.frag === shown) return;
    go(msg.slide, msg.frag, true);
  }
  if (channel) channel.onmessage = function (e) { receive(e.data); };
  window.addEventListener("storage", function (e) {
    if (e.key !== key || !e.newValue) return;
    try { receive(JSON.parse(e.newValue)); } catch (err) { /* not ours */ }
  });
  window.addEventListener("message", function (e) {
    if (e.data && e.data.coursesiteDeck === key) receive(e.data.msg);
  });

  function openPresenter() {
    var url = location.href.split("#")[0].split("?")[0] + "?presenter#" + (current + 1);
    child = window.open(url, "coursesite-presenter", "popup,width=1280,height=800");
  }

  /* ---------------------------------------------------------- overview --- */
  var overview = null;
  function frame(slide, width) {
    var f = document.createElement("div");
    f.className = "frame";
    var copy = slide.cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    Array.prototype.forEach.call(copy.querySelectorAll(".frag-hidden"), function (el) { el.classList.remove("frag-hidden"); });
    copy.setAttribute("aria-hidden", "true");
    // A picture of the slide: its links are not reachable (no control inside a control).
    f.setAttribute("inert", "");
    copy.style.transform = "scale(" + width / W + ")";
    f.appendChild(copy);
    return f;
  }
  function toggleOverview(open) {
    if (open === undefined) open = !overview || overview.hidden;
    if (!open) {
      if (overview) overview.hidden = true;
      return;
    }
    if (!overview) {
      overview = document.createElement("div");
      overview.className = "overview";
      overview.setAttribute("role", "dialog");
      overview.setAttribute("aria-label", t.slides_overview || "Overview");
      document.body.appendChild(overview);
    }
    overview.textContent = "";
    overview.hidden = false;
    var width = 252; // .thumb is 256×144 with a 2 px border
    slides.forEach(function (slide, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "thumb" + (i === current ? " is-current" : "");
      b.setAttribute("data-index", String(i));
      b.appendChild(frame(slide, width));
      // The button's name is its visible number, plus " / total" for screen readers.
      var num = document.createElement("span");
      num.className = "thumb-num";
      num.textContent = String(i + 1);
      var of = document.createElement("span");
      of.className = "sr-only";
      of.textContent = " / " + total;
      num.appendChild(of);
      b.appendChild(num);
      b.addEventListener("click", function () { toggleOverview(false); go(i, 0); });
      overview.appendChild(b);
    });
    var cur = overview.querySelector(".is-current");
    if (cur) { cur.scrollIntoView({ block: "nearest" }); cur.focus({ preventScroll: true }); }
  }

  function moveInOverview(key) {
    var thumbs = Array.prototype.slice.call(overview.querySelectorAll(".thumb"));
    var at = Math.max(0, thumbs.indexOf(document.activeElement));
    var cols = thumbs.filter(function (b) { return b.offsetTop === thumbs[0].offsetTop; }).length || 1;
    var step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[key] || 0;
    var target = thumbs[Math.max(0, Math.min(thumbs.length - 1, at + step))];
    if (target) { target.focus(); target.scrollIntoView({ block: "nearest" }); }
  }

  /* ---------------------------------------------------------- presenter --- */
  var pv = null;
  var started = Date.now();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function clockText(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? h + ":" : "") + two(m) + ":" + two(s % 60);
  }
  function fill(template, n) { return String(template || "").replace("{n}", String(n)); }
  function setupPresenter() {
    document.body.classList.add("presenter");
    try {
      var saved = parseInt(sessionStorage.getItem(key + ":start"), 10);
      if (!isNaN(saved)) started = saved; else sessionStorage.setItem(key + ":start", String(started));
    } catch (e) { /* storage off */ }
    pv = document.createElement("div");
    pv.className = "pv";
    pv.innerHTML =
      '<div class="pv-bar"><span><span class="pv-label"></span> <b class="pv-clock"></b></span>' +
      '<span><span class="pv-label"></span> <b class="pv-elapsed"></b></span>' +
      '<button type="button" class="pv-reset"></button>' +
      '<span class="pv-count"></span></div>' +
      '<div class="pv-main"></div>' +
      '<div class="pv-side"><div><p class="pv-label pv-next-label"></p><div class="pv-next"></div></div>' +
      '<div class="pv-step"></div>' +
      '<div><p class="pv-label pv-notes-label"></p></div><div class="pv-notes"></div></div>';
    var labels = pv.querySelectorAll(".pv-bar .pv-label");
    labels[0].textContent = t.slides_clock || "Clock";
    labels[1].textContent = t.slides_elapsed || "Elapsed";
    pv.querySelector(".pv-reset").textContent = t.slides_reset || "Restart";
    pv.querySelector(".pv-next-label").textContent = t.slides_next || "Next";
    pv.querySelector(".pv-notes-label").textContent = t.slides_notes || "Notes";
    pv.querySelector(".pv-reset").addEventListener("click", function () {
      started = Date.now();
      try { sessionStorage.setItem(key + ":start", String(started)); } catch (e) { /* storage off */ }
      tick();
    });
    deck.appendChild(pv);
    pv.querySelector(".pv-main").appendChild(viewport);
    document.title = (t.slides_presenter || "Presenter") + " · " + document.title;
    setInterval(tick, 1000);
  }
  function tick() {
    if (!pv) return;
    var now = new Date();
    pv.querySelector(".pv-clock").textContent = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    pv.querySelector(".pv-elapsed").textContent = clockText(Date.now() - started);
    renderStep();
  }
  function renderStep() {
    var box = pv.querySelector(".pv-step");
    var idx = parseInt(wraps[current].getAttribute("data-step"), 10);
    box.textContent = "";
    var head = document.createElement("div");
    head.className = "pv-step-name";
    var status = document.createElement("div");
    status.className = "pv-status";
    box.appendChild(head);
    box.appendChild(status);
    // The whole plan, the current step marked: where the lesson stands.
    var plan = document.createElement("ol");
    plan.className = "pv-steps";
    steps.forEach(function (st, i) {
      var li = document.createElement("li");
      li.textContent = st.label + " " + st.name + " " + st.minutes;
      if (!isNaN(idx) && i < idx) li.className = "is-done";
      if (i === idx) li.className = "is-current";
      plan.appendChild(li);
    });
    if (steps.length) box.appendChild(plan);
    if (isNaN(idx) || !steps[idx]) {
      head.textContent = steps.length ? (t.slides_no_step || "") : "";
      box.hidden = !steps.length;
      return;
    }
    box.hidden = false;
    var st = steps[idx];
    var before = 0;
    for (var i = 0; i < idx; i++) before += steps[i].minutes;
    var end = before + st.minutes;
    var mins = (Date.now() - started) / 60000;
    head.textContent = st.label + " " + st.name + " · " + (t.slides_planned || "") + " " + st.minutes + " " + (t.lesson_minutes || "min") +
      String(t.slides_window || " ({a}–{b})").replace("{a}", before).replace("{b}", end);
    if (mins < before) {
      status.className = "pv-status ahead";
      status.textContent = fill(t.slides_ahead, Math.round(before - mins));
    } else if (mins > end) {
      status.className = "pv-status behind";
      status.textContent = fill(t.slides_behind, Math.round(mins - end));
    } else {
      status.className = "pv-status on-time";
      status.textContent = (t.slides_on_time || "") + " · " + fill(t.slides_left, Math.round(end - mins));
    }
  }
  function renderPresenter() {
    if (!pv) return;
    place(stage, viewport);
    pv.querySelector(".pv-count").textContent = (current + 1) + " / " + total;
    var nextBox = pv.querySelector(".pv-next");
    nextBox.textContent = "";
    if (current + 1 < total) nextBox.appendChild(frame(slides[current + 1], nextBox.clientWidth || 320));
    else nextBox.textContent = t.slides_end || "";
    var notes = wraps[current].querySelector(".slide-notes");
    var box = pv.querySelector(".pv-notes");
    if (notes && notes.children.length) box.innerHTML = notes.innerHTML;
    else box.textContent = t.slides_no_notes || "";
    tick();
  }

  /* ------------------------------------------------------------- input --- */
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    var k = e.key;
    var handled = true;
    if (overview && !overview.hidden) {
      // The overview is a grid of buttons: arrows move between them, Enter or
      // Space opens one, Esc or O closes.
      if (k === "Escape" || k === "o" || k === "O") toggleOverview(false);
      else if (/^Arrow/.test(k)) moveInOverview(k);
      else handled = false;
    } else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || (k === " " && !e.shiftKey) || k === "n") next();
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || (k === " " && e.shiftKey)) prev();
    else if (k === "Home") go(0, 0);
    else if (k === "End") go(total - 1, "all");
    else if (k === "o" || k === "O" || k === "Escape") toggleOverview(true);
    else if (k === "f" || k === "F") toggleFullscreen();
    else if (k === "b" || k === "B" || k === ".") blank.hidden = !blank.hidden;
    else if ((k === "p" || k === "P") && !presenter) openPresenter();
    else handled = false;
    if (handled) e.preventDefault();
  });
  function toggleFullscreen() {
    var el = document.documentElement;
    if (document.fullscreenElement) { if (document.exitFullscreen) document.exitFullscreen(); }
    else if (el.requestFullscreen) el.requestFullscreen().catch(function () { /* refused */ });
  }
  // Click zones: the left third goes back, the rest forward (links still work).
  viewport.addEventListener("click", function (e) {
    if (e.target.closest("a, button, input, summary, details, .term-tip")) return;
    if (window.getSelection && String(window.getSelection())) return;
    var r = viewport.getBoundingClientRect();
    if (e.clientX - r.left < r.width / 3) prev(); else next();
  });
  blank.addEventListener("click", function () { blank.hidden = true; });
  // Swipe: left for the next slide, right for the previous one.
  var touch = null;
  viewport.addEventListener("touchstart", function (e) {
    if (e.touches.length === 1) touch = { x: e.touches[0].clientX, y: e.touches[0].clientY };
  }, { passive: true });
  viewport.addEventListener("touchend", function (e) {
    if (!touch || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy) * 1.2) {
      if (dx < 0) next(); else prev();
      e.preventDefault();
    }
  });
  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i !== current) go(i, 0);
  });
  window.addEventListener("resize", layout);
  // Hide the help bar and the pointer while nobody moves the mouse.
  var idleTimer = 0;
  document.addEventListener("mousemove", function () {
    document.body.classList.remove("idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { document.body.classList.add("idle"); }, 2500);
  });

  /* -------------------------------------------------------------- start --- */
  if (presenter) setupPresenter();
  fitAll();
  layout();
  go(fromHash(), 0, true);
  function refit() { fitAll(); layout(); if (presenter) renderPresenter(); }
  // For themes and tests: re-run auto-fit after changing a slide.
  window.coursesiteSlides = { refit: refit };
  window.addEventListener("load", refit);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(refit);
  Array.prototype.forEach.call(stage.querySelectorAll("img"), function (img) {
    if (!img.complete) img.addEventListener("load", function () { fit(img.closest(".slide")); });
  });
  if (params.has("print")) window.addEventListener("load", function () { setTimeout(function () { window.print(); }, 100); });
})();
