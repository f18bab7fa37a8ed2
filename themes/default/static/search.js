/* coursesite search: the header box (/ or Ctrl+K), results as you type, and
   search.html?q=…. The index (search/*.js, written by the build) is loaded a
   file at a time with <script> tags, as a query needs it, so it works from
   file:// where fetch fails. Matching follows src/search/index.rs: Chinese by
   characters, checked as exact substrings of the text, Latin words by prefix,
   every term required; title > heading > glossary name > body. */
(function () {
  "use strict";

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector(".search-input");
  var popup = form.querySelector(".search-popup");
  var root = form.getAttribute("data-root") || "";
  // The UI's words: strings.js, written by the build in the course's language.
  var str = function (key) { return (window.coursesiteStrings || {})[key] || ""; };
  var MAX_POPUP = 8;
  // Text files the drop-down may load for one query (~5-8 KB gzip each): its
  // 8 results' buckets and two more of candidates that hold the characters but
  // not the string; search.html loads PAGE_BUDGET more per page of results.
  var POPUP_BUDGET = 10;
  var PAGE_BUDGET = 32;

  // ------------------------------------------------------------ files ---
  /* The index is a folder of classic scripts (src/search/shards.rs), each
     calling coursesiteSearchPart(name, data): manifest.js, then as a query
     needs them the key shards k-N.js, the head files h-N.js (titles and
     headings) and the text buckets t-N.js. A <script> tag loads from file://,
     where fetch fails. */
  var manifestUrl = form.getAttribute("data-index");
  var base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
  var received = {};
  window.coursesiteSearchPart = function (name, data) { received[name] = data; };

  var loaded = {}; // name → true once prepared
  var loading = {}; // name → callbacks waiting for it
  var failed = false;
  var index = null; // the manifest, prepared

  /** Load every file of `names` not loaded yet, then cb(). */
  function need(names, cb) {
    var missing = names.filter(function (n) { return !loaded[n]; });
    var left = missing.length;
    if (!left || failed) { cb(); return; }
    var done = function () { if (--left === 0) cb(); };
    missing.forEach(function (name) {
      if (loading[name]) { loading[name].push(done); return; }
      loading[name] = [done];
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.async = true;
      s.setAttribute("data-search-part", name);
      var finish = function (ok) {
        try {
          if (ok) prepare(name, received[name]);
          else failed = true;
        } catch (e) {
          failed = true;
        }
        delete received[name];
        loaded[name] = !failed;
        var cbs = loading[name];
        delete loading[name];
        cbs.forEach(function (f) { f(); });
      };
      s.onload = function () { finish(received[name] !== undefined); };
      s.onerror = function () { finish(false); };
      document.head.appendChild(s);
    });
  }
  function load(cb) { need(["manifest"], cb); }

  function prepare(name, data) {
    if (name === "manifest") return prepareManifest(data);
    var kind = name.charAt(0);
    var first = Number(name.slice(2));
    if (kind === "k") index.keys[first] = data;
    else if (kind === "h") data.forEach(function (row, j) { addHead(first * index.perHead + j, row); });
    else if (kind === "t") data.forEach(function (texts, j) { addText(first * index.perText + j, texts); });
  }

  var foldMap = {};
  function fold(c) {
    var code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    else if (foldMap[c]) c = foldMap[c];
    code = c.charCodeAt(0);
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  }
  // Matches every character fold() changes; set up from the table in prepareManifest().
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

  // The files respell common characters as U+0100–U+07FE (two bytes in UTF-8
  // instead of three: gzip does better); U+07FF escapes a character of that
  // range. map[i] is the character of code 0x100 + i. See src/search/compact.rs.
  function decoder(map) {
    var table = new Uint16Array(0x700);
    for (var i = 0; i < map.length; i++) table[i] = map.charCodeAt(i);
    var coded = /[\u0100-\u07ff]/;
    return function (s) {
      if (!coded.test(s)) return s;
      var codes = new Uint16Array(s.length);
      var n = 0;
      for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c === 0x7ff) codes[n++] = s.charCodeAt(++i);
        else codes[n++] = c >= 0x100 && c < 0x7ff ? table[c - 0x100] : c;
      }
      var out = "";
      for (var k = 0; k < n; k += 8192) out += String.fromCharCode.apply(null, codes.subarray(k, Math.min(n, k + 8192)));
      return out;
    };
  }

  var decode = null;
  function prepareManifest(raw) {
    if (!raw || raw.v !== 3) throw new Error("unknown index");
    decode = decoder(raw.map);
    var from = Array.from(raw.fold[0]);
    var to = Array.from(raw.fold[1]);
    from.forEach(function (c, i) { foldMap[c] = to[i]; });
    var cls = "A-Z\\uff01-\\uff5e" + from.map(function (c) { return "\\u{" + c.codePointAt(0).toString(16) + "}"; }).join("");
    FOLDABLE = new RegExp("[" + cls + "]", "u");
    FOLDABLE_ALL = new RegExp("[" + cls + "]", "gu");
    index = {
      count: raw.docs, shards: raw.shards, perHead: raw.heads, perText: raw.texts,
      kinds: raw.kinds, scores: raw.scores,
      keys: [], postings: new Map(), docs: new Array(raw.docs),
    };
  }
  // Texts of documents whose head file is not in yet (cannot happen while a
  // head file holds whole text files, but a lost text would stall a query).
  var earlyTexts = {};
  function addHead(i, d) {
    var doc = {
      url: decode(d[0]), title: decode(d[1]), kind: d[2], names: d[3].map(decode),
      secs: d[4].map(function (s) { return { a: decode(s[0]), h: decode(s[1]), t: "" }; }),
      nx: null,
    };
    doc.nt = normalize(doc.title);
    doc.nn = doc.names.map(normalize);
    doc.nh = doc.secs.map(function (s) { return normalize(s.h); });
    index.docs[i] = doc;
    if (earlyTexts[i]) { addText(i, earlyTexts[i]); delete earlyTexts[i]; }
  }
  function addText(i, texts) {
    var doc = index.docs[i];
    if (!doc) { earlyTexts[i] = texts; return; }
    doc.nx = texts.map(function (t, j) {
      t = decode(t);
      if (doc.secs[j]) doc.secs[j].t = t;
      return normalize(t);
    });
  }

  // ------------------------------------------------------------- keys ---

  /** Same as shard_of() in src/search/parts.rs: FNV-1a over code points. */
  function shardOf(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      var cp = key.codePointAt(i);
      if (cp > 0xffff) i++;
      h = Math.imul(h ^ cp, 0x01000193) >>> 0;
    }
    return h & (index.shards - 1);
  }
  /** A term's keys: a CJK run's characters, a word's first two letters. */
  function termKeys(term) {
    if (!term.cjk) return [Array.from(term.s).slice(0, 2).join("")];
    return Array.from(new Set(Array.from(term.s)));
  }
  /** The documents holding a key, ascending (its shard must be loaded). */
  function docsOf(key) {
    var got = index.postings.get(key);
    if (got) return got;
    var raw = index.keys[shardOf(key)];
    var v = raw && raw[key];
    var out = [];
    if (typeof v === "string") {
      var bytes = atob(v);
      for (var b = 0; b < bytes.length; b++) {
        var byte = bytes.charCodeAt(b);
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) out.push(b * 8 + bit);
      }
    } else if (v) {
      var d = 0;
      for (var i = 0; i < v.length; i++) { d += v[i]; out.push(d); }
    }
    index.postings.set(key, out);
    return out;
  }
  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function candidates(term) {
    var keys = termKeys(term);
    var set = docsOf(keys[0]);
    for (var k = 1; k < keys.length && set.length; k++) set = intersect(set, docsOf(keys[k]));
    return set;
  }

  // ----------------------------------------------------------- search ---

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

  /** Where term is in doc's head: [score, section] (score 0: not in the head). */
  function headScore(d, term) {
    var sc = index.scores;
    var i;
    if (found(d.nt, term)) return [sc[0], -1];
    for (i = 0; i < d.nh.length; i++) if (found(d.nh[i], term)) return [sc[1], i];
    for (i = 0; i < d.nn.length; i++) if (found(d.nn[i], term)) return [sc[2], -1];
    return [0, -1];
  }
  /** Best place of term in doc, its text loaded: [score, section]. As in src/search/index.rs. */
  function score(d, term) {
    var r = headScore(d, term);
    var i;
    if (r[0] === index.scores[0]) {
      for (i = 0; i < d.nx.length; i++) if (found(d.nx[i], term)) return [r[0], i];
      return r;
    }
    if (r[0]) return r;
    for (i = 0; i < d.nx.length; i++) if (found(d.nx[i], term)) return [index.scores[3], i];
    return [0, -1];
  }
  /** A term's best score in doc by `fn`, a synonym counting half. */
  function best(d, e, fn) {
    var b = fn(d, e.term);
    for (var s = 0; s < e.syns.length; s++) {
      var r = fn(d, e.syns[s]);
      if ((r[0] >> 1) > b[0]) b = [r[0] >> 1, r[1]];
    }
    return b;
  }

  function asTerm(s) {
    var t = terms(s);
    return t.length === 1 && !t[0].cjk ? t[0] : { cjk: true, s: s };
  }

  /* A query: terms, their synonyms, the keys and candidates. Candidates are
     ranked first by what the heads say (title 100, heading 50, glossary name
     30, exact when the head holds the term) plus 10 for each term the text may
     hold: an upper bound of the final score. Texts are loaded for the best
     candidates only, until the first `want` results are final. */
  function Query(q) {
    this.terms = terms(normalize(q));
    // The query as a title: an exact whole-title match scores more.
    this.whole = normalize(q.trim());
    this.expanded = this.terms.map(function (t) { return { term: t, syns: [] }; });
    this.highlight = [];
    this.pool = []; // candidates as {doc, score, sec, final, terms}, best first
  }
  /** A glossary name's other names, from the shard of its first key (loaded). */
  Query.prototype.addSynonyms = function () {
    var self = this;
    this.expanded.forEach(function (e) {
      var t = e.term;
      var raw = index.keys[shardOf(termKeys(t)[0])];
      var all = (raw && raw["=" + t.s]) || [];
      e.syns = all.filter(function (s) { return s !== t.s; }).map(asTerm);
      self.highlight.push(t);
      e.syns.forEach(function (s) { self.highlight.push(s); });
    });
  };
  Query.prototype.shardNames = function () {
    var names = {};
    this.expanded.forEach(function (e) {
      [e.term].concat(e.syns).forEach(function (t) { termKeys(t).forEach(function (k) { names["k-" + shardOf(k)] = 1; }); });
    });
    return Object.keys(names);
  };
  /** Documents that may match every term (its shards loaded). */
  Query.prototype.candidates = function () {
    var pool = null;
    this.expanded.forEach(function (e) {
      var set = candidates(e.term);
      e.syns.forEach(function (s) {
        var add = candidates(s);
        if (add.length) set = Array.from(new Set(set.concat(add))).sort(function (a, b) { return a - b; });
      });
      pool = pool === null ? set : intersect(pool, set);
    });
    return pool || [];
  };
  Query.prototype.headNames = function (pool) {
    var names = {};
    pool.forEach(function (d) { names["h-" + Math.floor(d / index.perHead)] = 1; });
    return Object.keys(names);
  };
  /** Each candidate with its bound (heads loaded). */
  Query.prototype.rank = function (docs) {
    var self = this;
    this.pool = docs.map(function (doc) {
      var d = index.docs[doc];
      var bound = 0;
      self.expanded.forEach(function (e) { bound += best(d, e, headScore)[0] || index.scores[3]; });
      if (d.nt === self.whole) bound += index.scores[0];
      return { doc: doc, score: bound, sec: 0, final: false, terms: self.highlight };
    });
    this.sort();
  };
  Query.prototype.sort = function () {
    this.pool.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  };
  /** Settle a candidate whose text is loaded: its exact score, or drop it (score 0). */
  Query.prototype.settle = function (h) {
    var d = index.docs[h.doc];
    var total = 0;
    var sec = -1;
    for (var k = 0; k < this.expanded.length; k++) {
      var b = best(d, this.expanded[k], score);
      if (!b[0]) { total = 0; break; }
      total += b[0];
      if (sec < 0) sec = b[1];
    }
    if (total && d.nt === this.whole) total += index.scores[0];
    h.score = total;
    h.sec = sec < 0 ? 0 : sec;
    h.final = true;
  };
  /** Text files the first `want` candidates still need. */
  Query.prototype.textNames = function (want) {
    var names = {};
    var top = this.pool.slice(0, want);
    top.forEach(function (h) { if (!h.final) names["t-" + Math.floor(h.doc / index.perText)] = 1; });
    return Object.keys(names);
  };
  Query.prototype.settleLoaded = function () {
    var self = this;
    this.pool.forEach(function (h) { if (!h.final && index.docs[h.doc].nx) self.settle(h); });
    this.pool = this.pool.filter(function (h) { return h.score > 0; });
    this.sort();
  };
  /** {hits, total, exact, found}: the first `want` results (only those known to
      rank there: none after a candidate not yet checked), how many candidates
      are left (exact: all checked) and how many are known to match. */
  Query.prototype.result = function (want) {
    var hits = [];
    for (var i = 0; i < this.pool.length && hits.length < want && this.pool[i].final; i++) hits.push(this.pool[i]);
    var found = this.pool.filter(function (h) { return h.final; }).length;
    return { hits: hits, total: this.pool.length, exact: found === this.pool.length, found: found };
  };

  /** Run a query for its first `want` results; cb(result) once they are final,
      or once `budget` text files were loaded for it. A rare string of common
      characters (all on most pages, together on few) has candidates
      everywhere: the budget keeps the drop-down from loading the whole index
      for it; search.html goes on a page at a time. */
  function search(q, want, budget, cb) {
    var query;
    var docs; // the candidates' numbers, between the key shards and the heads
    // Each step loads what the next one reads: the manifest; the shards of
    // the terms' keys, which name their synonyms; the synonyms' shards; the
    // heads of the candidates; the texts of the results, best first.
    var steps = [
      function () {
        query = new Query(q);
        if (!query.terms.length) return cb({ hits: [], total: 0, exact: true, found: 0 });
        need(query.shardNames(), next);
      },
      function () {
        query.addSynonyms();
        need(query.shardNames(), next);
      },
      function () {
        docs = query.candidates();
        need(query.headNames(docs), next);
      },
      function () {
        query.rank(docs);
        settle(query, want, budget, cb);
      },
    ];
    var at = 0;
    var next = function () { if (failed) cb(null); else steps[at++](); };
    load(next);
  }
  /** Load texts for the best unsettled candidates until the first `want` are final. */
  function settle(query, want, budget, cb) {
    var spent = 0;
    var step = function () {
      if (failed) { cb(null); return; }
      query.settleLoaded();
      var names = query.textNames(want).slice(0, Math.max(0, budget - spent));
      if (!names.length) { cb(query.result(want)); return; }
      spent += names.length;
      need(names, step);
    };
    step();
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
    var names = d.names.length ? '<span class="search-hit-heading"> · ' + esc(d.names.join(str("list_sep"))) + "</span>" : "";
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
  var seq = 0;
  function update() {
    var q = input.value;
    if (q === lastQuery && index) return;
    if (!q.trim()) { lastQuery = q; setOpen(false); return; }
    if (failed) { status(str("search_failed")); return; }
    lastQuery = q;
    var mine = ++seq;
    if (!index) status(str("search_loading"));
    search(q, MAX_POPUP, POPUP_BUDGET, function (r) {
      if (mine !== seq) return;
      if (!r) { status(str("search_failed")); return; }
      hits = r.hits;
      active = -1;
      if (!hits.length && r.exact) { status(fill(str("search_no_results"), "q", q.trim())); return; }
      var html = "";
      hits.forEach(function (h, i) {
        html += '<a class="search-hit" role="option" id="search-hit-' + i + '" aria-selected="false" href="' + esc(hitUrl(h)) + '">' + hitHtml(h, 60) + "</a>";
      });
      var all = r.exact ? fill(str("search_all"), "n", String(r.total)) : str("search_all_more");
      html += '<a class="search-all" role="option" id="search-hit-' + hits.length + '" aria-selected="false" href="' + esc(resultsUrl(q.trim())) + '">' + esc(all) + "</a>";
      popup.innerHTML = html;
      setOpen(true);
    });
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
    var PAGE = 20;
    var pages = 1;
    var pageSeq = 0;
    var render = function () {
      var q = pageInput.value.trim();
      var mine = ++pageSeq;
      if (!q) { list.innerHTML = ""; pageStatus.textContent = str("search_prompt"); return; }
      if (failed) { list.innerHTML = ""; pageStatus.textContent = str("search_failed"); return; }
      if (!index) pageStatus.textContent = str("search_loading");
      // Texts are loaded for the results shown, PAGE more at a time.
      search(q, PAGE * pages, PAGE_BUDGET * pages, function (r) {
        if (mine !== pageSeq) return;
        if (!r) { list.innerHTML = ""; pageStatus.textContent = str("search_failed"); return; }
        // Nothing found yet among the candidates checked: check on.
        if (!r.hits.length && !r.exact) { pages++; render(); return; }
        var count = r.exact ? fill(str("search_count"), "n", String(r.total)) : fill(str("search_count_more"), "n", String(r.found));
        pageStatus.textContent = r.total ? count : fill(str("search_no_results"), "q", q);
        var html = "";
        r.hits.forEach(function (h) {
          html += '<li><a class="search-hit" href="' + esc(hitUrl(h)) + '">' + hitHtml(h, 140) + "</a></li>";
        });
        list.innerHTML = html;
        more.hidden = r.exact && r.total <= r.hits.length;
      });
    };
    var more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.textContent = str("search_more");
    more.hidden = true;
    more.addEventListener("click", function () { pages++; render(); });
    list.parentNode.insertBefore(more, list.nextSibling);
    var q = "";
    try { q = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { q = ""; }
    pageInput.value = q;
    input.value = q;
    lastQuery = q;
    pageInput.addEventListener("input", function () {
      pages = 1;
      render();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(pageInput.value.trim())); } catch (e) { /* file:// may refuse */ }
    });
    render();
  }

  // For tests and benchmarks: the same search the box runs. query() resolves
  // to every result (want: only the first `want`; budget: text files it may
  // load, as the drop-down's); parts() names the files loaded.
  window.coursesiteSearch = {
    ready: function (cb) { load(function () { cb(!failed); }); },
    query: function (q, want, budget) {
      return new Promise(function (resolve) {
        search(q, want || Infinity, budget === undefined ? Infinity : budget, function (r) {
          resolve(r && r.hits.map(function (h) {
            var d = index.docs[h.doc];
            return { url: d.url, title: d.title, kind: index.kinds[d.kind], score: h.score };
          }));
        });
      });
    },
    parts: function () { return Object.keys(loaded).filter(function (n) { return loaded[n]; }); },
  };
})();
