/* coursesite: reports to a learning platform (an LMS: Moodle, Canvas, 超星学习通,
   雨课堂) when the page runs inside one as part of a SCORM 2004 package
   (`coursesite export --scorm`). It looks for the platform's SCORM 2004 API
   object, API_1484_11, the way the SCORM 2004 Run-Time Environment (3.3.6.1)
   says: up the chain of parent frames, then from the window that opened this
   one. Found: Initialize, the page is "completed", each checked quiz sends its
   score (cmi.score.*, cmi.success_status) and is committed, and leaving the
   page terminates the session. Not found (a plain web site, file://): nothing
   happens. */
(function () {
  "use strict";

  // The pass mark when the platform gives none: the manifest's
  // minNormalizedMeasure for quiz pages (PASSING_SCORE in src/package/scorm.rs),
  // which the platform normally passes on as cmi.scaled_passing_score.
  var DEFAULT_PASSING_SCORE = 0.6;
  // The SCORM 2004 RTE's bound on the frames climbed.
  var MAX_PARENTS = 500;

  /* The API in `win` or one of its parents; null past a frame of another
     origin (reading it throws) or at the top. */
  function scan(win) {
    try {
      for (var n = 0; win && n <= MAX_PARENTS; n++) {
        if (win.API_1484_11) return win.API_1484_11;
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      }
    } catch (e) { /* another origin */ }
    return null;
  }

  function findApi() {
    var api = scan(window);
    if (!api) {
      try {
        if (window.opener) api = scan(window.opener);
        if (!api && window.top && window.top.opener) api = scan(window.top.opener);
      } catch (e) { /* another origin */ }
    }
    return api;
  }

  var api = findApi();
  // "false": this SCO's session is over (a link inside the package led here) or refused.
  if (!api || String(api.Initialize("")) !== "true") return;
  var open = true;

  function set(name, value) {
    if (open) api.SetValue(name, String(value));
  }

  function passingScore() {
    var given = parseFloat(api.GetValue("cmi.scaled_passing_score"));
    return isNaN(given) ? DEFAULT_PASSING_SCORE : given;
  }

  /* Every checked quiz of the page together (a lesson may hold several):
     quiz.js writes each one's score as data-score="right/total". */
  function reportScore() {
    var score = 0;
    var total = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".quiz[data-score]"), function (quiz) {
      var parts = quiz.getAttribute("data-score").split("/");
      score += Number(parts[0]) || 0;
      total += Number(parts[1]) || 0;
    });
    if (!open || !total) return;
    var scaled = Math.round((score / total) * 10000) / 10000;
    set("cmi.score.min", 0);
    set("cmi.score.max", total);
    set("cmi.score.raw", score);
    set("cmi.score.scaled", scaled);
    set("cmi.success_status", scaled >= passingScore() ? "passed" : "failed");
    api.Commit("");
  }

  set("cmi.completion_status", "completed");
  // A quiz checked before this ran (answers restored from an earlier visit).
  reportScore();
  if (open) api.Commit("");
  document.addEventListener("coursesite:quiz-checked", reportScore);

  /* The page's own 上一页 / 下一页 (and ← →, which click them) lead out of
     this SCO. Where the platform can take the learner to the previous or next
     item itself (a SCORM 2004 navigation request it says is valid), ask it
     to: the page there is launched as its own SCO and tracked. Where it
     cannot, the link is followed as on the web. */
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[rel=next], a[rel=prev]") : null;
    if (!link || !open || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var request = link.getAttribute("rel") === "next" ? "continue" : "previous";
    if (String(api.GetValue("adl.nav.request_valid." + request)) !== "true") return;
    e.preventDefault();
    set("adl.nav.request", request);
    open = false;
    api.Terminate("");
  });

  window.addEventListener("pagehide", function () {
    if (!open) return;
    open = false;
    api.Terminate("");
  });
})();
