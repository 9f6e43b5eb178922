// The live engine's connection, shared by every page that joins a live session (the live
// page and chair console, World Café remote seats, reflection editing). Protocol:
// docs/live-protocol.md. It opens /ws/live/<session>/ (at a place, if given), says hello
// from the last seq it has seen (or asks for a snapshot), sends a heartbeat, starts again
// on a connection that went quiet, and comes back after a lost connection with growing,
// jittered delays, so a restarted server is not met by everyone at once. Refused (4403,
// 4404): it stops, and says so. Pages get every message, and the connection's changes:
//
//   var live = window.LiveClient.connect({
//     session: "12", place: "item:4",      // the place is optional
//     resume: true,                         // false: a snapshot on every connect
//     onMessage: function (message) {},
//     onStatus: function (status, code) {}  // connecting, reconnecting, ready, lost, refused
//   });
//   live.send(message)   // true if it went now; false if not connected (the page decides)
//   live.ready()         // connected and caught up (after a snapshot or synced)
//   live.close()         // for good: leaving the page
(function () {
  "use strict";

  var HEARTBEAT_MS = 15000;
  // Heartbeats sent with nothing heard back in between: a half-open socket, start again.
  // Counted, not timed, so a clock that jumps (a device waking, a test's clock) is no cause.
  var UNANSWERED = 3;
  var REFUSED = { 4403: true, 4404: true };

  function connect(options) {
    var socket = null;
    var lastSeq = typeof options.lastSeq === "number" && !isNaN(options.lastSeq) ? options.lastSeq : null;
    var attempts = 0;
    var caughtUp = false;
    var closed = false;
    var unanswered = 0;
    var heartbeat = null;
    var onMessage = options.onMessage || function () {};
    var onStatus = options.onStatus || function () {};

    function address() {
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      var url = scheme + window.location.host + "/ws/live/" + options.session + "/";
      return options.place ? url + "?place=" + encodeURIComponent(options.place) : url;
    }

    function open() {
      caughtUp = false;
      onStatus(attempts ? "reconnecting" : "connecting");
      socket = new WebSocket(address());
      socket.onopen = function () {
        unanswered = 0;
        var from = options.resume === false ? null : lastSeq;
        socket.send(JSON.stringify({ type: "hello", last_seq: from }));
      };
      socket.onmessage = function (event) {
        unanswered = 0;
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        if (typeof message.seq === "number") lastSeq = lastSeq === null ? message.seq : Math.max(lastSeq, message.seq);
        if (message.type === "snapshot" || message.type === "synced") {
          caughtUp = true;
          attempts = 0;
          startHeartbeat();
          onMessage(message);
          onStatus("ready");
          return;
        }
        onMessage(message);
      };
      socket.onclose = function (event) {
        caughtUp = false;
        window.clearInterval(heartbeat);
        if (closed) return;
        if (REFUSED[event.code]) {
          // Refused by the server, not lost: trying again would be refused again.
          onStatus("refused", event.code);
          return;
        }
        // Anything else (4408 "too slow" included) is a lost connection.
        attempts += 1;
        var base = Math.min(30000, 1000 * Math.pow(2, attempts - 1));
        onStatus("lost", event.code);
        window.setTimeout(open, base / 2 + Math.random() * base / 2);
      };
    }

    function startHeartbeat() {
      window.clearInterval(heartbeat);
      heartbeat = window.setInterval(function () {
        if (unanswered >= UNANSWERED) { socket.close(); return; }
        unanswered += 1;
        socket.send(JSON.stringify({ type: "heartbeat" }));
      }, HEARTBEAT_MS);
    }

    open();
    return {
      send: function (message) {
        if (!socket || !caughtUp || socket.readyState !== WebSocket.OPEN) return false;
        socket.send(JSON.stringify(message));
        return true;
      },
      ready: function () { return caughtUp && socket && socket.readyState === WebSocket.OPEN; },
      close: function () {
        closed = true;
        window.clearInterval(heartbeat);
        if (socket) socket.close();
      }
    };
  }

  window.LiveClient = { connect: connect };
})();
