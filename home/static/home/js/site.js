// Progressive enhancement only: every page works without this file.
// After a failed submit, focus the error summary once so screen readers read it
// (the GOV.UK pattern); a link in it then moves focus to the field concerned.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var group = target.closest("fieldset") || target.closest(".form-group");
      var legend = group && group.querySelector("legend, label");
      (legend || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }
})();
