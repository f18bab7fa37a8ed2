/* coursesite search: the header box (/ or Ctrl+K), results as you type, and
   search.html?q=…. The index (search-index.js, written by the build) is loaded
   with a <script> tag on first use, so it works from file:// where fetch fails.
   Matching follows src/search/mod.rs: Chinese by character bigrams (single
   characters for a one-character query) checked as exact substrings, Latin words
   by prefix, every term required; title > heading > glossary name > body. */
(function () {
  "use strict";

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector(".search-input");
  var popup = form.querySelector(".search-popup");
  var root = form.getAttribute("data-root") || "";
  var str = function (name) { return form.getAttribute("data-" + name) || ""; };
  var MAX_POPUP = 8;

  // ------------------------------------------------------------ index ---

  var index = null;
  var failed = false;
  var waiting = [];
  var requested = false;

  function load(cb) {
    if (index || failed) { cb(); return; }
    waiting.push(cb);
    if (requested) return;
    requested = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.async = true;
    s.onload = function () {
      try {
        index = prepare(window.coursesiteSearchIndex);
      } catch (e) {
        failed = true;
      }
      flush();
    };
    s.onerror = function () { failed = true; flush(); };
    document.head.appendChild(s);
  }
  function flush() {
    var cbs = waiting;
    waiting = [];
    cbs.forEach(function (cb) { cb(); });
  }

  var foldMap = {};
  function fold(c) {
    var code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    else if (foldMap[c]) c = foldMap[c];
    code = c.charCodeAt(0);
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  }
  // Matches every character fold() changes; set up from the table in prepare().
  var FOLDABLE = /[A-Z\uff01-\uff5e]/;
  var FOLDABLE_ALL = /[A-Z\uff01-\uff5e]/g;
  function normalize(s) {
    return FOLDABLE.test(s) ? s.replace(FOLDABLE_ALL, fold) : s;
  }
  function isCjk(code) {
    return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x3134f);
  }
  var LETTER = /[\p{L}\p{N}]/u;
  function isWord(ch, code) {
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) return true;
    if (code < 128 || isCjk(code)) return false;
    return LETTER.test(ch);
  }
  /** [{cjk, s}] runs of CJK characters and words; everything else separates. */
  function terms(text) {
    var out = [];
    var cur = "";
    var cjk = false;
    for (var i = 0; i < text.length; i++) {
      var code = text.codePointAt(i);
      var ch = String.fromCodePoint(code);
      if (code > 0xffff) i++;
      if (isCjk(code)) {
        if (!cjk && cur) { out.push({ cjk: false, s: cur }); cur = ""; }
        cjk = true;
        cur += ch;
      } else if (isWord(ch, code)) {
        if (cjk && cur) { out.push({ cjk: true, s: cur }); cur = ""; }
        cjk = false;
        cur += ch;
      } else if (cur) {
        out.push({ cjk: cjk, s: cur });
        cur = "";
      }
    }
    if (cur) out.push({ cjk: cjk, s: cur });
    return out;
  }
  /* Index keys. A CJK character in U+3000–U+9FFF, or a pair of them, gets a
     small integer key (Map lookups on small integers are much faster than on
     strings; this is what makes loading 1,000 pages quick); anything else, and
     words, keep their string. */
  var SPAN = 0x7000;
  function key1(code, ch) { return code >= 0x3000 && code < 0xa000 ? code - 0x3000 : ch; }
  function key2(k1, k2, s1, s2) { return typeof k1 === "number" && typeof k2 === "number" ? SPAN + k1 * SPAN + k2 : s1 + s2; }

  /** Add every key of normalised text s for document doc: CJK characters and
      bigrams, words. Same keys as tokens() in src/search/text.rs. */
  function indexText(s, doc, postings) {
    var add = function (key) {
      var list = postings.get(key);
      if (!list) postings.set(key, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    };
    var prev = null;
    var prevCh = "";
    var wordStart = -1;
    for (var i = 0; i < s.length; i++) {
      var code = s.charCodeAt(i);
      var ch = s[i];
      var width = 1;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
        code = s.codePointAt(i);
        ch = s.substr(i, 2);
        width = 2;
      }
      if (isCjk(code)) {
        if (wordStart >= 0) { add(s.slice(wordStart, i)); wordStart = -1; }
        var k = key1(code, ch);
        add(k);
        if (prev !== null) add(key2(prev, k, prevCh, ch));
        prev = k;
        prevCh = ch;
      } else if (isWord(ch, code)) {
        prev = null;
        if (wordStart < 0) wordStart = i;
      } else {
        prev = null;
        if (wordStart >= 0) { add(s.slice(wordStart, i)); wordStart = -1; }
      }
      i += width - 1;
    }
    if (wordStart >= 0) add(s.slice(wordStart));
  }

  // The index respells its commonest characters as U+0100–U+07FF (two bytes in
  // UTF-8 instead of three: gzip does better); raw.map[i] is the character of
  // code 0x100 + i. See src/search/compact.rs.
  function decoder(map) {
    var table = new Uint16Array(0x700);
    for (var i = 0; i < map.length; i++) table[i] = map.charCodeAt(i);
    var coded = /[\u0100-\u07ff]/;
    return function (s) {
      if (!coded.test(s)) return s;
      var codes = new Uint16Array(s.length);
      for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        codes[i] = c >= 0x100 && c < 0x800 ? table[c - 0x100] : c;
      }
      var out = "";
      for (var k = 0; k < codes.length; k += 8192) out += String.fromCharCode.apply(null, codes.subarray(k, k + 8192));
      return out;
    };
  }

  function prepare(raw) {
    if (!raw || raw.v !== 2) throw new Error("unknown index");
    var decode = decoder(raw.map);
    var from = Array.from(raw.fold[0]);
    var to = Array.from(raw.fold[1]);
    from.forEach(function (c, i) { foldMap[c] = to[i]; });
    var cls = "A-Z\\uff01-\\uff5e" + from.map(function (c) { return "\\u{" + c.codePointAt(0).toString(16) + "}"; }).join("");
    FOLDABLE = new RegExp("[" + cls + "]", "u");
    FOLDABLE_ALL = new RegExp("[" + cls + "]", "gu");
    var termKind = raw.kinds.length - 1;
    var postings = new Map();
    var synonyms = new Map();
    var docs = raw.docs.map(function (d, i) {
      var doc = {
        url: decode(d[0]), title: decode(d[1]), kind: d[2], names: d[3].map(decode),
        secs: d[4].map(function (s) { return { a: decode(s[0]), h: decode(s[1]), t: decode(s[2]) }; }),
      };
      doc.nt = normalize(doc.title);
      doc.nn = doc.names.map(normalize);
      doc.nh = doc.secs.map(function (s) { return normalize(s.h); });
      doc.nx = doc.secs.map(function (s) { return normalize(s.t); });
      indexText(doc.nt, i, postings);
      doc.nn.forEach(function (s) { indexText(s, i, postings); });
      doc.nh.forEach(function (s) { indexText(s, i, postings); });
      doc.nx.forEach(function (s) { indexText(s, i, postings); });
      if (doc.kind === termKind) {
        var all = [doc.nt].concat(doc.nn);
        all.forEach(function (n) { synonyms.set(n, (synonyms.get(n) || []).concat(all)); });
      }
      return doc;
    });
    var words = [];
    postings.forEach(function (_, k) { if (typeof k === "string" && !isCjk(k.codePointAt(0))) words.push(k); });
    words.sort();
    return { docs: docs, postings: postings, words: words, synonyms: synonyms, kinds: raw.kinds, scores: raw.scores };
  }

  // ----------------------------------------------------------- search ---

  function candidates(term) {
    var set = null;
    if (term.cjk) {
      var chars = Array.from(term.s);
      var ks = chars.map(function (c) { return key1(c.codePointAt(0), c); });
      var keys = chars.length === 1 ? [ks[0]] : [];
      for (var i = 0; i + 1 < chars.length; i++) keys.push(key2(ks[i], ks[i + 1], chars[i], chars[i + 1]));
      for (var k = 0; k < keys.length; k++) {
        var list = index.postings.get(keys[k]);
        if (!list) return new Set();
        if (!set) set = new Set(list);
        else {
          var next = new Set();
          for (var j = 0; j < list.length; j++) if (set.has(list[j])) next.add(list[j]);
          set = next;
        }
      }
      return set || new Set();
    }
    set = new Set();
    var w = index.words;
    var lo = 0;
    var hi = w.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (w[mid] < term.s) lo = mid + 1; else hi = mid; }
    for (var p = lo; p < w.length && w[p].lastIndexOf(term.s, 0) === 0; p++) {
      index.postings.get(w[p]).forEach(function (d) { set.add(d); });
    }
    return set;
  }

  /** Positions of term in normalised text s (words: at word starts only). */
  function findAll(s, term, limit) {
    var out = [];
    var at = s.indexOf(term.s);
    while (at !== -1 && out.length < (limit || 1e9)) {
      if (term.cjk || at === 0 || !isWord(s[at - 1], s.charCodeAt(at - 1))) out.push(at);
      at = s.indexOf(term.s, at + 1);
    }
    return out;
  }
  function found(s, term) { return findAll(s, term, 1).length > 0; }

  function score(doc, term, cand) {
    if (!cand.has(doc)) return [0, -1];
    var d = index.docs[doc];
    var sc = index.scores;
    var i;
    if (found(d.nt, term)) {
      for (i = 0; i < d.nx.length; i++) if (found(d.nx[i], term)) return [sc[0], i];
      return [sc[0], -1];
    }
    for (i = 0; i < d.nh.length; i++) if (found(d.nh[i], term)) return [sc[1], i];
    for (i = 0; i < d.nn.length; i++) if (found(d.nn[i], term)) return [sc[2], -1];
    for (i = 0; i < d.nx.length; i++) if (found(d.nx[i], term)) return [sc[3], i];
    return [0, -1];
  }

  function asTerm(s) {
    var t = terms(s);
    return t.length === 1 && !t[0].cjk ? t[0] : { cjk: true, s: s };
  }

  /** Hits for a query, best first: [{doc, score, sec, terms}]. */
  function search(query) {
    var qt = terms(normalize(query));
    if (!qt.length) return [];
    var expanded = qt.map(function (t) {
      var syns = (index.synonyms.get(t.s) || []).filter(function (s) { return s !== t.s; }).map(asTerm);
      return { term: t, cand: candidates(t), syns: syns.map(function (s) { return { term: s, cand: candidates(s) }; }) };
    });
    var pool = new Set();
    expanded[0].cand.forEach(function (d) { pool.add(d); });
    expanded[0].syns.forEach(function (s) { s.cand.forEach(function (d) { pool.add(d); }); });
    var highlight = [];
    expanded.forEach(function (e) { highlight.push(e.term); e.syns.forEach(function (s) { highlight.push(s.term); }); });
    var wholeTitle = normalize(query.trim());
    var hits = [];
    pool.forEach(function (doc) {
      var total = 0;
      var sec = -1;
      for (var k = 0; k < expanded.length; k++) {
        var e = expanded[k];
        var best = score(doc, e.term, e.cand);
        for (var s = 0; s < e.syns.length; s++) {
          var r = score(doc, e.syns[s].term, e.syns[s].cand);
          if ((r[0] >> 1) > best[0]) best = [r[0] >> 1, r[1]];
        }
        if (!best[0]) return;
        total += best[0];
        if (sec < 0) sec = best[1];
      }
      if (index.docs[doc].nt === wholeTitle) total += index.scores[0];
      hits.push({ doc: doc, score: total, sec: sec < 0 ? 0 : sec, terms: highlight });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return hits;
  }

  // ------------------------------------------------------------ views ---

  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  /** original text with every match of terms (found in its normalised form) in <mark>. */
  function marked(text, norm, hlTerms, from, to) {
    var marks = [];
    hlTerms.forEach(function (t) {
      findAll(norm, t).forEach(function (at) { if (at < to && at + t.s.length > from) marks.push([at, at + t.s.length]); });
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = "";
    var pos = from;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += esc(text.slice(pos, m[0])) + "<mark>" + esc(text.slice(m[0], Math.min(m[1], to))) + "</mark>";
      pos = Math.min(m[1], to);
    });
    return out + esc(text.slice(pos, to));
  }
  function snippet(hit, width) {
    var d = index.docs[hit.doc];
    var i = Math.min(hit.sec, d.secs.length - 1);
    if (i < 0) return "";
    var text = d.secs[i].t;
    var norm = d.nx[i];
    var first = -1;
    hit.terms.forEach(function (t) {
      var at = findAll(norm, t, 1)[0];
      if (at !== undefined && (first < 0 || at < first)) first = at;
    });
    // From the section's start when the match is near it (always for a glossary
    // term: its definition reads best whole); else a little before the match.
    var start = first < width * 0.6 || d.kind === index.kinds.length - 1 ? 0 : first - Math.floor(width / 4);
    var end = Math.min(text.length, start + width);
    return (start > 0 ? "…" : "") + marked(text, norm, hit.terms, start, end) + (end < text.length ? "…" : "");
  }
  function hitUrl(hit) {
    var d = index.docs[hit.doc];
    var sec = d.secs[hit.sec];
    return root + d.url + (sec && sec.a && d.url.indexOf("#") < 0 ? "#" + encodeURIComponent(sec.a) : "");
  }
  function hitHtml(hit, width) {
    var d = index.docs[hit.doc];
    var sec = d.secs[hit.sec];
    var heading = sec && sec.h ? '<span class="search-hit-heading"> › ' + marked(sec.h, d.nh[hit.sec], hit.terms, 0, sec.h.length) + "</span>" : "";
    var names = d.names.length ? '<span class="search-hit-heading"> · ' + esc(d.names.join(str("sep"))) + "</span>" : "";
    return '<span class="search-kind kind-' + d.kind + '">' + esc(index.kinds[d.kind]) + "</span>" +
      '<span class="search-hit-title">' + marked(d.title, d.nt, hit.terms, 0, d.title.length) + "</span>" + heading + names +
      '<span class="search-snippet">' + snippet(hit, width) + "</span>";
  }
  function fill(template, key, value) { return template.split("{" + key + "}").join(value); }
  function resultsUrl(q) { return root + "search.html?q=" + encodeURIComponent(q); }

  // ------------------------------------------------------ header popup ---

  var hits = [];
  var active = -1;
  var lastQuery = null;

  function setOpen(open) {
    popup.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { active = -1; input.removeAttribute("aria-activedescendant"); }
  }
  function status(text) {
    popup.innerHTML = '<p class="search-status">' + esc(text) + "</p>";
    setOpen(true);
  }
  function update() {
    var q = input.value;
    if (q === lastQuery && index) return;
    if (!q.trim()) { lastQuery = q; setOpen(false); return; }
    if (failed) { status(str("failed")); return; }
    if (!index) { status(str("loading")); load(update); return; }
    lastQuery = q;
    hits = search(q);
    active = -1;
    if (!hits.length) { status(fill(str("none"), "q", q.trim())); return; }
    var html = "";
    hits.slice(0, MAX_POPUP).forEach(function (h, i) {
      html += '<a class="search-hit" role="option" id="search-hit-' + i + '" aria-selected="false" href="' + esc(hitUrl(h)) + '">' + hitHtml(h, 60) + "</a>";
    });
    html += '<a class="search-all" role="option" id="search-hit-' + Math.min(hits.length, MAX_POPUP) + '" aria-selected="false" href="' + esc(resultsUrl(q.trim())) + '">' +
      esc(fill(str("all"), "n", String(hits.length))) + "</a>";
    popup.innerHTML = html;
    setOpen(true);
  }
  function options() { return popup.querySelectorAll("[role=option]"); }
  function move(delta) {
    var opts = options();
    if (!opts.length) return;
    // Positions -1 (the box itself) … n-1, wrapping around.
    active += delta;
    if (active >= opts.length) active = -1;
    else if (active < -1) active = opts.length - 1;
    Array.prototype.forEach.call(opts, function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  input.addEventListener("focus", function () { load(function () {}); if (input.value.trim()) update(); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (popup.hidden) update();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      var opts = options();
      e.preventDefault();
      if (active >= 0 && opts[active]) window.location.href = opts[active].href;
      else if (input.value.trim()) window.location.href = resultsUrl(input.value.trim());
    } else if (e.key === "Escape") {
      if (!popup.hidden) { e.stopPropagation(); setOpen(false); } else input.blur();
    }
  });
  document.addEventListener("pointerdown", function (e) { if (!form.contains(e.target)) setOpen(false); });
  form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) setOpen(false); });

  // / or Ctrl+K (⌘K) from anywhere focuses the box.
  document.addEventListener("keydown", function (e) {
    var el = e.target;
    var typing = el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  // ---------------------------------------------------- search.html ---

  var page = document.getElementById("search-page");
  if (page) {
    var pageInput = page.querySelector(".search-page-input");
    var pageStatus = page.querySelector(".search-status");
    var list = page.querySelector(".search-results");
    var render = function () {
      var q = pageInput.value.trim();
      list.innerHTML = "";
      if (!q) { pageStatus.textContent = str("prompt"); return; }
      if (failed) { pageStatus.textContent = str("failed"); return; }
      if (!index) { pageStatus.textContent = str("loading"); load(render); return; }
      var all = search(q);
      pageStatus.textContent = all.length ? fill(str("count"), "n", String(all.length)) : fill(str("none"), "q", q);
      var html = "";
      all.forEach(function (h) {
        html += '<li><a class="search-hit" href="' + esc(hitUrl(h)) + '">' + hitHtml(h, 140) + "</a></li>";
      });
      list.innerHTML = html;
    };
    var q = "";
    try { q = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { q = ""; }
    pageInput.value = q;
    input.value = q;
    lastQuery = q;
    pageInput.addEventListener("input", function () {
      render();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(pageInput.value.trim())); } catch (e) { /* file:// may refuse */ }
    });
    render();
  }

  // For tests and benchmarks: the same search the box runs.
  window.coursesiteSearch = {
    ready: function (cb) { load(function () { cb(!failed); }); },
    query: function (q) {
      if (!index) return null;
      return search(q).map(function (h) {
        var d = index.docs[h.doc];
        return { url: d.url, title: d.title, kind: index.kinds[d.kind], score: h.score };
      });
    },
  };
})();
