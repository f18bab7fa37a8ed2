/* coursesite: quizzes (测验). Answer, then check: each question says right or
   wrong and shows its explanation, the page shows a score. Answers and the
   checked state are kept in localStorage, so a reload keeps them; 重新作答 clears. */
(function () {
  "use strict";

  // Read by main.js on the pages that list this one (the same key spelled there).
  var SCORE_KEY = "coursesite:score:" + window.location.href.split("#")[0];

  // A quiz page has one quiz; a lesson may hold several ```quiz blocks.
  Array.prototype.forEach.call(document.querySelectorAll(".quiz"), init);

  function init(root, index) {
    var questions = Array.prototype.slice.call(root.querySelectorAll(".quiz-q"));
    var key = "coursesite:quiz:" + (root.getAttribute("data-quiz") || window.location.pathname + "#" + index);
    var scoreEl = root.querySelector(".quiz-score");
    var T = function (name) { return root.getAttribute("data-t-" + name) || ""; };
    var each = function (list, f) { Array.prototype.forEach.call(list, f); };

    function read(q) {
      var kind = q.getAttribute("data-kind");
      if (kind === "tf" || kind === "single") {
        var c = q.querySelector("input:checked");
        return c ? c.value : null;
      }
      if (kind === "multi") {
        return Array.prototype.map.call(q.querySelectorAll("input:checked"), function (i) { return i.value; });
      }
      if (kind === "sort") {
        return Array.prototype.map.call(q.querySelectorAll("select"), function (s) { return s.value; });
      }
      var t = q.querySelector("textarea");
      return t ? t.value : "";
    }

    function write(q, value) {
      var kind = q.getAttribute("data-kind");
      if (value === null || value === undefined) return;
      if (kind === "tf" || kind === "single" || kind === "multi") {
        var vals = Array.isArray(value) ? value : [value];
        each(q.querySelectorAll("input"), function (i) { i.checked = vals.indexOf(i.value) >= 0; });
      } else if (kind === "sort") {
        each(q.querySelectorAll("select"), function (s, k) { s.value = value[k] || ""; });
      } else {
        var t = q.querySelector("textarea");
        if (t) t.value = value;
      }
    }

    var state = { answers: {}, checked: false };
    function save() {
      questions.forEach(function (q) { state.answers[q.id] = read(q); });
      try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* ignore */ }
    }

    function clearMarks(q) {
      q.classList.remove("is-right", "is-wrong", "is-partial");
      each(q.querySelectorAll(".is-correct, .is-missed, .is-chosen-wrong, .is-wrong"), function (el) {
        el.classList.remove("is-correct", "is-missed", "is-chosen-wrong", "is-wrong");
      });
      each(q.querySelectorAll(".quiz-belongs"), function (el) { el.remove(); });
      var fb = q.querySelector(".quiz-feedback");
      if (fb && !fb.hasAttribute("data-keep")) fb.hidden = true;
      var v = q.querySelector(".quiz-verdict");
      if (v) v.textContent = "";
    }

    /* Mark one question; returns 1 (right), 0 (wrong) or null (not scored). */
    function mark(q) {
      clearMarks(q);
      var kind = q.getAttribute("data-kind");
      var answer = q.getAttribute("data-answer");
      var value = read(q);
      var verdict;
      var result = null;
      if (kind === "tf" || kind === "single" || kind === "multi") {
        var keys = answer === "" ? [] : answer.split(",");
        var chosen = Array.isArray(value) ? value : value === null ? [] : [value];
        each(q.querySelectorAll(".quiz-option"), function (label) {
          var input = label.querySelector("input");
          var isKey = keys.indexOf(input.value) >= 0;
          var picked = chosen.indexOf(input.value) >= 0;
          if (isKey && picked) label.classList.add("is-correct");
          else if (isKey) label.classList.add("is-missed");
          else if (picked) label.classList.add("is-chosen-wrong");
        });
        var right = chosen.length === keys.length && keys.every(function (k) { return chosen.indexOf(k) >= 0; });
        verdict = !chosen.length ? "unanswered" : right ? "right" : "wrong";
        result = right ? 1 : 0;
      } else if (kind === "sort") {
        var keysS = answer.split(",");
        var good = 0;
        var answered = 0;
        each(q.querySelectorAll(".quiz-sort li"), function (li, k) {
          var v = value[k];
          if (v !== "") answered++;
          if (v === keysS[k]) { good++; li.classList.add("is-correct"); return; }
          li.classList.add("is-wrong");
          // A wrong item names its right group.
          var select = li.querySelector("select");
          var right = select && Array.prototype.find.call(select.options, function (o) { return o.value === keysS[k]; });
          if (right) {
            var note = document.createElement("span");
            note.className = "quiz-belongs";
            note.textContent = T("belongs").replace("{group}", right.textContent);
            li.appendChild(note);
          }
        });
        verdict = !answered ? "unanswered" : good === keysS.length ? "right" : good ? "partial" : "wrong";
        result = good === keysS.length ? 1 : 0;
      } else {
        verdict = "self";
      }
      if (verdict === "right") q.classList.add("is-right");
      else if (verdict === "partial") q.classList.add("is-partial");
      else if (verdict !== "self") q.classList.add("is-wrong");
      var fb = q.querySelector(".quiz-feedback");
      if (fb) fb.hidden = false;
      var v = q.querySelector(".quiz-verdict");
      if (v) v.textContent = T(verdict);
      return result;
    }

    /* A scored question with no answer yet (written answers are not scored). */
    function unanswered(q) {
      var kind = q.getAttribute("data-kind");
      var value = read(q);
      if (kind === "tf" || kind === "single") return value === null;
      if (kind === "multi") return !value.length;
      if (kind === "sort") return value.some(function (v) { return v === ""; });
      return false;
    }

    function check() {
      var score = 0;
      var total = 0;
      questions.forEach(function (q) {
        var r = mark(q);
        if (r !== null) { total++; score += r; }
      });
      if (scoreEl) scoreEl.textContent = T("score").replace("{score}", score).replace("{total}", total);
      root.setAttribute("data-score", score + "/" + total);
      // For whoever reports scores (scorm.js, in a learning platform): the score is decided here only.
      root.dispatchEvent(new CustomEvent("coursesite:quiz-checked", { bubbles: true, detail: { score: score, total: total } }));
      // A quiz page's score, by its URL, for its card on the home and section pages.
      if (document.body.classList.contains("kind-quiz")) {
        try { window.localStorage.setItem(SCORE_KEY, score + "/" + total); } catch (e) { /* storage off */ }
      }
    }

    function reset() {
      questions.forEach(function (q) {
        each(q.querySelectorAll("input"), function (i) { i.checked = false; });
        each(q.querySelectorAll("select"), function (s) { s.value = ""; });
        each(q.querySelectorAll("textarea"), function (t) { t.value = ""; });
        clearMarks(q);
      });
      if (scoreEl) scoreEl.textContent = "";
      root.removeAttribute("data-score");
      state = { answers: {}, checked: false };
      try {
        window.localStorage.removeItem(key);
        window.localStorage.removeItem(SCORE_KEY);
      } catch (e) { /* ignore */ }
    }

    // The teacher's edition renders feedback open: keep it so.
    each(root.querySelectorAll(".quiz-feedback"), function (fb) { if (!fb.hidden) fb.setAttribute("data-keep", ""); });

    root.addEventListener("change", function () { save(); });
    root.addEventListener("input", function () { save(); });
    var checkBtn = root.querySelector(".quiz-check");
    var resetBtn = root.querySelector(".quiz-reset");
    if (checkBtn) checkBtn.addEventListener("click", function () {
      // Checking shows every key: a half-answered quiz asks first.
      var open = questions.filter(function (q) { return unanswered(q); }).length;
      if (open && !window.confirm(T("confirm").replace("{n}", open))) return;
      state.checked = true;
      save();
      check();
    });
    if (resetBtn) resetBtn.addEventListener("click", reset);

    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved && saved.answers) {
        questions.forEach(function (q) { write(q, saved.answers[q.id]); });
        state = { answers: saved.answers, checked: !!saved.checked };
        if (state.checked) check();
      }
    } catch (e) { /* storage off */ }
  }
})();
