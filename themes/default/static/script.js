/* coursesite: call scripts (话术). Walk through one path of the call by choosing
   the customer's reactions; practice mode hides the agent's lines until the
   student has answered. Progress is kept in localStorage. Without JS every node
   is shown and every choice is a plain anchor link. */
(function () {
  "use strict";

  var root = document.querySelector(".script");
  if (!root) return;
  var list = root.querySelector(".script-nodes");
  var toolbar = root.querySelector(".script-toolbar");
  var nodes = Array.prototype.slice.call(root.querySelectorAll(".script-node"));
  if (!list || !toolbar || !nodes.length) return;
  var byId = {};
  nodes.forEach(function (n) { byId[n.getAttribute("data-node")] = n; });
  var start = root.getAttribute("data-start") || nodes[0].getAttribute("data-node");
  var key = "coursesite:script:" + root.getAttribute("data-script");
  var T = function (name) { return root.getAttribute("data-t-" + name) || ""; };

  var state = { mode: "walk", practice: false, path: [start], revealed: [], typed: {} };
  try {
    var saved = JSON.parse(window.localStorage.getItem(key) || "null");
    if (saved && Array.isArray(saved.path)) {
      state.mode = saved.mode === "all" ? "all" : "walk";
      state.practice = !!saved.practice;
      state.path = saved.path.filter(function (id) { return byId[id]; });
      state.revealed = Array.isArray(saved.revealed) ? saved.revealed : [];
      state.typed = saved.typed && typeof saved.typed === "object" ? saved.typed : {};
      if (!state.path.length || state.path[0] !== start) state.path = [start];
    }
  } catch (e) { /* storage off: start fresh */ }
  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }

  function targets(node) {
    return Array.prototype.map.call(node.querySelectorAll(".script-choice[data-target]"), function (a) {
      return a.getAttribute("data-target");
    });
  }
  /* Shortest path from the start to `id`, following the choices. */
  function pathTo(id) {
    var prev = {}; prev[start] = null;
    var queue = [start];
    while (queue.length) {
      var cur = queue.shift();
      if (cur === id) break;
      targets(byId[cur]).forEach(function (t) {
        if (byId[t] && !(t in prev)) { prev[t] = cur; queue.push(t); }
      });
    }
    if (!(id in prev)) return [start, id];
    var out = [];
    for (var x = id; x !== null; x = prev[x]) out.unshift(x);
    return out;
  }

  /* Toolbar: walk / show all, practice, start over. */
  function button(label, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    toolbar.appendChild(b);
    return b;
  }
  var walkBtn = button(T("walk"), "script-walk");
  var allBtn = button(T("all"), "script-all");
  var practiceBtn = button(T("practice"), "script-practice");
  var restartBtn = button(T("restart"), "script-restart");
  // Practice mode: how many of the agent's lines on the path were answered.
  var progress = document.createElement("span");
  progress.className = "script-progress";
  progress.setAttribute("aria-live", "polite");
  toolbar.appendChild(progress);
  toolbar.hidden = false;

  /* Practice boxes under every agent line. Revealed, the student's reply and
     the model line stand side by side (stacked on a phone). */
  Array.prototype.forEach.call(root.querySelectorAll(".say-agent"), function (say) {
    var id = say.getAttribute("data-line");
    var box = document.createElement("div");
    box.className = "say-practice";
    var p = document.createElement("p");
    p.className = "say-practice-label";
    var input = document.createElement("textarea");
    input.rows = 2;
    input.placeholder = T("placeholder");
    input.setAttribute("aria-label", T("your-turn"));
    input.value = state.typed[id] || "";
    input.addEventListener("input", function () { state.typed[id] = input.value; save(); });
    var reveal = document.createElement("button");
    reveal.type = "button";
    reveal.className = "say-reveal";
    reveal.textContent = T("reveal");
    reveal.addEventListener("click", function () {
      if (state.revealed.indexOf(id) < 0) state.revealed.push(id);
      save();
      render();
    });
    var model = document.createElement("p");
    model.className = "say-model-label";
    model.textContent = T("model");
    box.appendChild(p);
    box.appendChild(input);
    box.appendChild(reveal);
    say.appendChild(box);
    say.insertBefore(model, say.querySelector(".say-text"));
  });

  function render() {
    var walk = state.mode === "walk";
    walkBtn.setAttribute("aria-pressed", walk ? "true" : "false");
    allBtn.setAttribute("aria-pressed", walk ? "false" : "true");
    practiceBtn.setAttribute("aria-pressed", state.practice ? "true" : "false");
    root.classList.toggle("practice", state.practice);
    root.classList.toggle("walking", walk);
    // Walk: the path's nodes in path order, the rest hidden. All: source order.
    var order = walk ? state.path.concat(nodes.map(function (n) { return n.getAttribute("data-node"); }).filter(function (id) {
      return state.path.indexOf(id) < 0;
    })) : nodes.map(function (n) { return n.getAttribute("data-node"); });
    order.forEach(function (id) { list.appendChild(byId[id]); });
    nodes.forEach(function (n) {
      n.hidden = walk && state.path.indexOf(n.getAttribute("data-node")) < 0;
    });
    // The choice taken at each step of the path.
    Array.prototype.forEach.call(root.querySelectorAll(".script-nodes .script-choice"), function (a) {
      a.classList.remove("is-chosen");
      a.removeAttribute("aria-current");
    });
    for (var i = 0; i + 1 < state.path.length; i++) {
      var chosen = byId[state.path[i]].querySelector('.script-choice[data-target="' + state.path[i + 1] + '"]');
      if (chosen) { chosen.classList.add("is-chosen"); chosen.setAttribute("aria-current", "step"); }
    }
    var lines = 0;
    var answered = 0;
    Array.prototype.forEach.call(root.querySelectorAll(".say-agent"), function (say) {
      var done = state.revealed.indexOf(say.getAttribute("data-line")) >= 0;
      say.classList.toggle("is-revealed", done);
      var label = say.querySelector(".say-practice-label");
      if (label) label.textContent = done ? T("yours") : T("your-turn");
      var input = say.querySelector(".say-practice textarea");
      if (input) input.readOnly = done;
      // Count the lines of the call as shown: the path walked, or every node.
      var node = say.closest(".script-node");
      if (!node || node.hidden || say.closest(".script-bad")) return;
      lines++;
      if (done) answered++;
    });
    progress.textContent = state.practice ? T("practised").replace("{n}", answered).replace("{total}", lines) : "";
    var last = state.path[state.path.length - 1];
    Array.prototype.forEach.call(root.querySelectorAll(".fm-node"), function (a) {
      var id = a.getAttribute("data-target");
      a.classList.toggle("is-visited", walk && state.path.indexOf(id) >= 0);
      a.classList.toggle("is-current", walk && id === last);
    });
  }

  function go(from, to) {
    if (!byId[to]) return;
    var k = state.path.indexOf(from);
    state.path = k >= 0 ? state.path.slice(0, k + 1) : pathTo(from);
    var j = state.path.indexOf(to);
    if (j >= 0) state.path = state.path.slice(0, j + 1);
    else state.path.push(to);
    save();
    render();
    byId[to].scrollIntoView({ block: "start" });
  }

  root.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("[data-target]") : null;
    if (!a || !root.contains(a)) return;
    var to = a.getAttribute("data-target");
    if (!byId[to]) return;
    if (a.classList.contains("fm-node")) {
      if (state.mode !== "walk") return; // a plain anchor jump
      e.preventDefault();
      state.path = pathTo(to);
      save();
      render();
      byId[to].scrollIntoView({ block: "start" });
      return;
    }
    var from = a.closest(".script-node");
    if (!from) return;
    e.preventDefault();
    if (state.mode !== "walk") {
      state.path = pathTo(from.getAttribute("data-node"));
    }
    go(from.getAttribute("data-node"), to);
    if (state.mode !== "walk") byId[to].scrollIntoView({ block: "start" });
  });

  walkBtn.addEventListener("click", function () { state.mode = "walk"; save(); render(); });
  allBtn.addEventListener("click", function () { state.mode = "all"; save(); render(); });
  practiceBtn.addEventListener("click", function () { state.practice = !state.practice; save(); render(); });
  restartBtn.addEventListener("click", function () {
    state.path = [start];
    state.revealed = [];
    state.typed = {};
    Array.prototype.forEach.call(root.querySelectorAll(".say-practice textarea"), function (t) { t.value = ""; });
    save();
    render();
    byId[start].scrollIntoView({ block: "start" });
  });

  // A map wider than its column (on a phone) starts centred on the first node,
  // which sits in the middle of the top row, and says that it scrolls sideways.
  var scroller = root.querySelector(".flowmap-scroll");
  var swipe = root.querySelector(".flowmap-swipe");
  function fitMap() {
    // A map at most a fifth too wide shrinks to fit (its text stays ≥ 11 px).
    var svg = scroller.querySelector("svg");
    if (svg) svg.style.maxWidth = "";
    if (svg && svg.getBoundingClientRect().width <= scroller.clientWidth * 1.2) svg.style.maxWidth = "100%";
    var wide = scroller.scrollWidth > scroller.clientWidth + 1;
    if (swipe) swipe.hidden = !wide;
    return wide;
  }
  if (scroller) {
    if (fitMap()) scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) / 2;
    window.addEventListener("resize", fitMap);
  }

  // A link to one node (`#busy`) opens the path that leads there.
  var hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash && byId[hash] && state.mode === "walk" && state.path.indexOf(hash) < 0) state.path = pathTo(hash);
  render();

  // Links to a node from elsewhere on the page (contents, objection table) open its path.
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!byId[id] || state.mode !== "walk" || state.path.indexOf(id) >= 0) return;
    state.path = pathTo(id);
    save();
    render();
    byId[id].scrollIntoView({ block: "start" });
  });
})();
