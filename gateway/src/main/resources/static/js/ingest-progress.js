// The ingest run page's progress bar: polls the run's progress (a dashboard JSON route on this origin) and moves the
// bar and the counts until the run is finished. A file of its own because the CSP allows scripts from 'self' only.
(function () {
  "use strict";
  var run = document.getElementById("ingest-run");
  if (!run) {
    return;
  }
  var url = run.getAttribute("data-progress-url");
  var finished = ["completed", "completed_with_errors", "failed"];

  function show(r) {
    document.getElementById("ingest-progress-bar").value = r.progress;
    document.getElementById("ingest-run-status").textContent = r.status;
    document.getElementById("ingest-run-done").textContent = r.items_applied + r.items_merged + r.items_rejected;
    document.getElementById("ingest-run-accepted").textContent = r.items_accepted;
    document.getElementById("ingest-run-stored").textContent = r.items_applied;
    document.getElementById("ingest-run-rejected").textContent = r.items_rejected;
    return finished.indexOf(r.status) >= 0;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (r) {
        if (!r || !show(r)) {
          setTimeout(poll, 1000);
        }
      }, function () { setTimeout(poll, 2000); });
  }

  if (finished.indexOf(document.getElementById("ingest-run-status").textContent) < 0) {
    setTimeout(poll, 500);
  }
})();
