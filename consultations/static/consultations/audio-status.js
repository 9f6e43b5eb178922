// The audio version's admin page: while the audio is being made, fetch the page again
// every few seconds and put the new status in place, so the editor need not reload.
// The region is role="status", so screen readers announce the change.
(function () {
  "use strict";

  var POLL_EVERY_MS = 3000;
  var region = document.getElementById("audio-status");
  if (!region) {
    return;
  }

  function poll() {
    if (region.dataset.audioStatus !== "pending") {
      return;
    }
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("audio-status");
        if (fresh && fresh.dataset.audioStatus !== region.dataset.audioStatus) {
          region.dataset.audioStatus = fresh.dataset.audioStatus;
          region.innerHTML = fresh.innerHTML;
        }
        window.setTimeout(poll, POLL_EVERY_MS);
      })
      .catch(function () {
        // The link in the region still works; try again later, more slowly.
        window.setTimeout(poll, POLL_EVERY_MS * 5);
      });
  }

  window.setTimeout(poll, POLL_EVERY_MS);
})();
