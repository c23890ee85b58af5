// Meeting form: the fields of one kind of meeting (data-meeting-kind="kind ...") are shown only
// when that kind is chosen. Without this script every field stays visible and the form works;
// a section with an error or a value stays visible so nothing typed is hidden.
(function () {
  "use strict";
  const kind = document.querySelector("select[name=kind]");
  const sections = document.querySelectorAll("[data-meeting-kind]");
  if (!kind || !sections.length) return;
  function used(section) {
    return section.querySelector(".is-invalid, .invalid-feedback") ||
      Array.prototype.some.call(section.querySelectorAll("input[type=text], input[type=date], textarea, select"),
        function (el) { return el.value.trim() !== ""; });
  }
  function sync() {
    sections.forEach(function (section) {
      const kinds = section.getAttribute("data-meeting-kind").split(" ");
      section.hidden = kinds.indexOf(kind.value) === -1 && !used(section);
    });
  }
  kind.addEventListener("change", sync);
  sync();
})();
