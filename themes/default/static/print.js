/* coursesite: page numbers in the print book's contents list. `build --pdf`
   prints print.html twice, the second time as print.html?pages=1,3,7,… —
   the page each chapter (page-1, page-2, …) starts on, read from the first
   PDF — and this writes them into the list. A reader's browser opens the
   book without that part: no numbers (no browser can count pages before it
   prints, and Chromium has no CSS target-counter()). */
(function () {
  "use strict";
  var match = /[?&]pages=([0-9,]+)/.exec(window.location.search);
  if (!match) return;
  var pages = match[1].split(",");
  Array.prototype.forEach.call(document.querySelectorAll(".book-toc a[href^='#page-']"), function (a) {
    var n = parseInt(a.getAttribute("href").slice("#page-".length), 10);
    var slot = a.querySelector(".book-toc-page");
    if (slot && pages[n - 1]) slot.textContent = pages[n - 1];
  });
})();
