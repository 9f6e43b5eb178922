// Character count for written answers. The hint updates as the person types; the
// screen reader message is polite and only updates after a pause in typing.
(function () {
  "use strict";
  document.querySelectorAll("[data-character-count-for]").forEach(function (hint) {
    var id = hint.getAttribute("data-character-count-for");
    var field = document.getElementById(id);
    var live = document.querySelector("[data-character-count-live='" + id + "']");
    var max = parseInt(hint.getAttribute("data-max"), 10);
    if (!field || !max) return;
    var timer = null;
    function message() {
      var left = max - field.value.length;
      if (left >= 0) return "You have " + left + " character" + (left === 1 ? "" : "s") + " left";
      return "You have " + -left + " character" + (left === -1 ? "" : "s") + " too many";
    }
    function update() {
      hint.textContent = message();
      hint.classList.toggle("character-count--over", field.value.length > max);
      clearTimeout(timer);
      timer = setTimeout(function () { if (live) live.textContent = message(); }, 1000);
    }
    var describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (describedBy.indexOf(hint.id) === -1) describedBy.push(hint.id);
    field.setAttribute("aria-describedby", describedBy.join(" "));
    field.addEventListener("input", update);
    hint.textContent = message();
  });
})();
