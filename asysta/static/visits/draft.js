// A contact note survives a session timeout: while it is typed, the form's fields are kept in
// this browser (localStorage, keyed by family, user and note); on the next visit to the form
// they are restored with a notice and a button to discard them; after a successful save the
// page that follows (data-draft-clear) tells this script to forget them. No inline script (CSP).
(function () {
  "use strict";
  const PREFIX = "asysta-szkic:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  const store = storage();
  if (!store) return;

  document.querySelectorAll("[data-draft-clear]").forEach(function (el) {
    store.removeItem(PREFIX + el.dataset.draftClear);
  });

  const form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  const key = PREFIX + form.dataset.draftKey;
  const notice = document.querySelector("[data-draft-notice]");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" &&
        ["submit", "button", "file", "hidden"].indexOf(el.type) === -1;
    });
  }

  function collect() {
    const data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function apply(data) {
    fields().forEach(function (el) {
      if (!(el.name in data)) return;
      const value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
      } else if (typeof value === "string") {
        el.value = value;
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function save() {
    try {
      store.setItem(key, JSON.stringify({ saved: Date.now(), fields: collect() }));
    } catch (e) { /* storage full or disabled: the form still works */ }
  }

  function load() {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  // A form sent back with errors already shows what was typed; it is not overwritten.
  const draft = form.dataset.draftBound === "true" ? null : load();
  if (draft && draft.fields) {
    apply(draft.fields);
    if (notice) notice.hidden = false;
  }
  if (notice) {
    const discard = notice.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        store.removeItem(key);
        window.location.replace(window.location.href);
      });
    }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", function (e) { if (e.isTrusted) save(); });
})();
