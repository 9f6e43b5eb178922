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
  var socket = null;
  var heartbeatTimer = null;
  var clockTimer = null;
  var lastSeq = null;
  var retryDelay = 1000;
  var leaving = false;
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

  function onMessage(raw) {
    var message;
    try {
      message = JSON.parse(raw.data);
    } catch (error) {
      return;
    }
    if (typeof message.seq === "number" && message.type !== "heartbeat") {
      lastSeq = lastSeq === null ? message.seq : Math.max(lastSeq, message.seq);
    }
    if (message.type === "presence" && Array.isArray(message.here)) {
      showOthers(message.here);
    } else if (message.type === "item_saved") {
      showSaved(message);
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var address =
      scheme + window.location.host + "/ws/live/" + words.session + "/?place=" + encodeURIComponent(words.place);
    socket = new WebSocket(address);
    socket.addEventListener("open", function () {
      retryDelay = 1000;
      socket.send(JSON.stringify({ type: "hello", last_seq: lastSeq }));
      window.clearInterval(heartbeatTimer);
      heartbeatTimer = window.setInterval(function () {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: "heartbeat" }));
        }
      }, 20000);
    });
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", function (event) {
      window.clearInterval(heartbeatTimer);
      // Who is here is unknown while disconnected: say nothing rather than something stale.
      showOthers([]);
      if (leaving || event.code === 4403 || event.code === 4404) {
        return;
      }
      window.setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  if (form) {
    form.addEventListener("submit", function () {
      leaving = true;
      if (socket) {
        socket.close();
      }
    });
  }
  connect();
})();
