// Who else is editing this item, and when someone saved a newer version of it.
//
// The page joins the document's live session at the place "item:<id>" (the live engine's
// presence and event log; docs/live-protocol.md). Everything shown goes into one polite
// live region. The relative time of a save ("10 seconds ago") is refreshed for sighted
// readers in an aria-hidden span, so it is never announced again: screen readers hear
// the sentence once, with the clock time. Without WebSockets nothing is shown.
(function () {
  "use strict";

  var box = document.querySelector("[data-editing-presence]");
  if (!box || !("WebSocket" in window)) {
    return;
  }
  var words = box.dataset;
  var itemId = Number(words.item);
  var others = box.querySelector("[data-others]");
  var notice = box.querySelector("[data-saved-notice]");
  var form = document.querySelector("form[method=post]");
  var versionInput = form ? form.querySelector("input[name=version]") : null;
  var clockTimer = null;
  var lastSave = null; // {at: Date, ago: the aria-hidden span}

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function showOthers(names) {
    if (!names || names.length === 0) {
      others.textContent = "";
    } else if (names.length === 1) {
      others.textContent = fill(words.oneOther, { name: names[0] });
    } else {
      others.textContent = fill(words.manyOthers, {
        names: names.slice(0, -1).join(", "),
        last: names[names.length - 1],
      });
    }
  }

  function ago(at) {
    var seconds = Math.max(0, Math.round((Date.now() - at.getTime()) / 1000));
    if (seconds < 10) {
      return words.justNow;
    }
    if (seconds < 60) {
      return fill(words.secondsAgo, { n: String(Math.floor(seconds / 10) * 10) });
    }
    var minutes = Math.floor(seconds / 60);
    return minutes === 1 ? words.minuteAgo : fill(words.minutesAgo, { n: String(minutes) });
  }

  function refreshClock() {
    if (lastSave) {
      lastSave.ago.textContent = ago(lastSave.at);
    }
  }

  function showSaved(event) {
    var startedFrom = versionInput ? Number(versionInput.value) : 0;
    if (event.item_id !== itemId || event.version <= startedFrom) {
      return; // another item, or a version this form already holds
    }
    var at = new Date(event.at);
    var time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.textContent = " " + fill(words.savedAt, { time: time });
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = ago(at);
    notice.textContent = "";
    notice.append(fill(words.saved, { name: event.by }), spoken, " ", shown, ". " + words.kept);
    lastSave = { at: at, ago: shown };
    window.clearInterval(clockTimer);
    clockTimer = window.setInterval(refreshClock, 10000);
  }

  function onMessage(message) {
    if (message.type === "presence" && Array.isArray(message.here)) {
      showOthers(message.here);
    } else if (message.type === "item_saved") {
      showSaved(message);
    }
  }

  var live = window.LiveClient.connect({
    session: words.session,
    place: words.place,
    onMessage: onMessage,
    onStatus: function (status) {
      // Who is here is unknown while disconnected: say nothing rather than something stale.
      if (status === "lost" || status === "refused") showOthers([]);
    }
  });

  if (form) {
    form.addEventListener("submit", function () {
      live.close();
    });
  }
})();
