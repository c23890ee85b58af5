// The "Drukuj" button of the chronology opens the browser's print dialog; the link that shows
// every event of a long case on one page for printing (#drukuj) opens it when that page loads.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  if (window.location.hash === "#drukuj") {
    window.addEventListener("load", function () { window.print(); });
  }
})();
