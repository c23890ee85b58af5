// Session idle warning: two minutes before the idle timeout a dialog offers to extend the
// session; Escape or the close button dismisses it. When the time is up, the login page follows.
(function () {
  "use strict";
  const body = document.body;
  const idle = parseInt(body.dataset.idleSeconds || "0", 10);
  if (!idle) return;
  const box = document.getElementById("session-warning");
  const warnBefore = Math.min(120, Math.floor(idle / 2));
  let warnTimer, endTimer, lastFocus;

  function csrf() {
    const m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function hide() {
    box.hidden = true;
    if (lastFocus) lastFocus.focus();
  }
  function show() {
    lastFocus = document.activeElement;
    box.hidden = false;
    box.querySelector("[data-session-extend]").focus();
  }
  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, (idle - warnBefore) * 1000);
    endTimer = setTimeout(function () {
      window.location.href = body.dataset.expiredUrl + "?powod=idle";
    }, idle * 1000);
  }
  box.querySelector("[data-session-extend]").addEventListener("click", function () {
    fetch(body.dataset.keepaliveUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() },
    }).then(function (r) {
      if (r.ok) { hide(); schedule(); } else { window.location.reload(); }
    });
  });
  box.querySelector("[data-session-dismiss]").addEventListener("click", hide);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !box.hidden) hide();
  });
  document.body.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
