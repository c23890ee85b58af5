// A PESEL typed into a text search must never travel in a URL (browser history, server logs).
// On the search page an 11-digit value is moved to the PESEL form, which is sent by POST; on
// other filter forms ([data-no-pesel]) the request is stopped and a hint is shown.
(function () {
  "use strict";
  const PESEL = /^\s*\d{11}\s*$/;

  function guard(form, onPesel) {
    const field = form.querySelector("input[name=q]");
    if (!field) return;
    form.addEventListener("submit", function (event) {
      if (PESEL.test(field.value)) { event.preventDefault(); onPesel(field); }
    });
    // htmx sends the filter while typing; stop that request too.
    form.addEventListener("htmx:confirm", function (event) {
      if (PESEL.test(field.value)) { event.preventDefault(); onPesel(field); }
    });
  }

  const text = document.querySelector("[data-text-search]");
  const peselForm = document.querySelector("[data-pesel-search]");
  if (text && peselForm) {
    guard(text, function (field) {
      peselForm.querySelector("input[name=pesel]").value = field.value.trim();
      field.value = "";
      peselForm.submit();
    });
  }
  document.querySelectorAll("[data-no-pesel]").forEach(function (form) {
    guard(form, function () {
      const hint = form.querySelector("[data-pesel-hint]");
      if (hint) hint.hidden = false;
    });
  });
})();
