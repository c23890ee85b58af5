// Contact pages: the "Drukuj" button of the work card, and the child-safety details shown only
// when the flag is ticked (they stay visible when they carry an error or a value).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  const flag = document.querySelector("input[name=child_safety]");
  const details = document.querySelector("[data-safety-details]");
  if (!flag || !details) return;
  function sync() {
    const used = details.querySelector(".is-invalid, input:checked") ||
      Array.prototype.some.call(details.querySelectorAll("textarea"), function (t) { return t.value.trim(); });
    details.hidden = !flag.checked && !used;
  }
  flag.addEventListener("change", sync);
  document.addEventListener("change", function (e) { if (details.contains(e.target)) sync(); });
  sync();
})();
