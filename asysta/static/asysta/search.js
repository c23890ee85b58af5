// A PESEL typed into the text search must never travel in a URL (browser history, server
// logs): an 11-digit value is moved to the PESEL form, which is sent by POST, before any
// request leaves the page.
(function () {
  "use strict";
  const text = document.querySelector("[data-text-search]");
  const peselForm = document.querySelector("[data-pesel-search]");
  if (!text || !peselForm) return;
  const field = text.querySelector("input[name=q]");
  const looksLikePesel = function () { return /^\s*\d{11}\s*$/.test(field.value); };
  function redirectToPost(event) {
    if (!looksLikePesel()) return;
    event.preventDefault();
    peselForm.querySelector("input[name=pesel]").value = field.value.trim();
    field.value = "";
    peselForm.submit();
  }
  text.addEventListener("submit", redirectToPost);
  // htmx sends the text search while typing; stop that request too.
  text.addEventListener("htmx:confirm", function (event) {
    if (looksLikePesel()) event.preventDefault();
  });
})();
