// A running job's page (core/job_detail.html): polls its status every second, moves the progress bar and
// reloads the page once the job has ended, so that the server renders the result.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") { return; }
  var url = box.dataset.statusUrl;
  var bar = document.getElementById("job-progress");
  var text = document.getElementById("job-progress-text");
  var badge = document.getElementById("job-status");
  var lastStatus = null;

  function show(state) {
    if (state.finished) { window.location.reload(); return; }
    if (badge) { badge.textContent = state.status_label; }
    if (bar) {
      if (state.percent === null) { bar.removeAttribute("value"); } else { bar.value = state.percent; }
    }
    if (text) { text.textContent = state.total ? state.done + " / " + state.total + " " + state.unit : ""; }
    lastStatus = state.status;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) { show(state); } })
      .catch(function () { /* a missed poll is retried on the next tick */ })
      .then(function () { if (lastStatus !== "succeeded" && lastStatus !== "failed") { setTimeout(poll, 1000); } });
  }
  setTimeout(poll, 500);
})();
