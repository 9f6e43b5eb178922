// Remote seats at World Café tables. The pages work without this file: every step is a
// form post. With it, "Send to my table" and "Accept into the harvest" go over the event's
// live session WebSocket (docs/live-protocol.md: send_to_table, accept_contribution), and
// what arrives (a contribution for the host, an acceptance for the sender) is added to the
// page and said politely in a live region. Focus never moves.
(function () {
  "use strict";
  var root = document.querySelector("[data-remote-seat]");
  if (!root || !("WebSocket" in window)) return;

  var sessionId = root.getAttribute("data-remote-seat");
  var isHost = root.getAttribute("data-remote-role") === "host";
  var socket = null;
  var ready = false;
  var refused = false;
  var attempts = 0;
  var pending = {};
  var csrf = (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";

  function el(name) { return root.querySelector('[data-remote="' + name + '"]'); }
  function say(text) {
    var region = el("announcer");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 100);
  }
  function feedback(text) { var node = el("feedback"); if (node) node.textContent = text; }
  function connection(text) { el("connection").textContent = text; }
  function make(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function connect() {
    ready = false;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/live/" + sessionId + "/");
    socket.onopen = function () { socket.send(JSON.stringify({ type: "hello", last_seq: null })); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "snapshot") { ready = true; attempts = 0; connection("Connected: updates appear here."); return; }
      var handler = handlers[message.type];
      if (handler) handler(message);
    };
    socket.onclose = function (event) {
      ready = false;
      if (event.code === 4403 || event.code === 4404) {
        // Not allowed in the live session: the forms post as without JavaScript and say why.
        refused = true;
        connection("");
        return;
      }
      attempts += 1;
      var base = Math.min(30000, 1000 * Math.pow(2, attempts - 1));
      connection("Reconnecting…");
      window.setTimeout(connect, base / 2 + Math.random() * base / 2);
    };
  }

  function markAccepted(id) {
    var item = root.querySelector('[data-contribution-id="' + id + '"]');
    if (!item) return;
    if (isHost) {
      var form = item.querySelector("form");
      if (form) form.remove();
      item.appendChild(make("p", "Accepted into the harvest.", { "class": "tag" }));
    } else {
      var status = item.querySelector('[data-remote="status"]');
      if (status) status.textContent = "In the harvest";
    }
  }

  function addWaiting(c) {
    var list = el("waiting");
    if (!list || root.querySelector('[data-contribution-id="' + c.id + '"]')) return;
    var empty = el("nothing-waiting");
    if (empty) empty.remove();
    var item = make("li", null, { "data-contribution-id": String(c.id) });
    var heading = make("p");
    heading.appendChild(make("strong", c.table + ", round " + c.round));
    heading.appendChild(document.createTextNode(", from " + c.name + " at " + c.sent_at + ":"));
    item.appendChild(heading);
    item.appendChild(make("p", c.text));
    var form = make("form", null, { method: "post", novalidate: "", "data-remote-action": "accept_contribution" });
    form.appendChild(make("input", null, { type: "hidden", name: "csrfmiddlewaretoken", value: csrf }));
    form.appendChild(make("input", null, { type: "hidden", name: "id", value: newId() }));
    form.appendChild(make("input", null, { type: "hidden", name: "contribution", value: String(c.id) }));
    var button = make("button", "Accept into the harvest", { type: "submit", "class": "button" });
    button.appendChild(make("span", ": " + c.text.split(/\s+/).slice(0, 8).join(" "), { "class": "visually-hidden" }));
    form.appendChild(button);
    item.appendChild(form);
    list.appendChild(item);
  }

  function addSent(sent, result) {
    var list = el("sent");
    if (!list) return;
    var hint = list.querySelector(".hint");
    if (hint) hint.remove();
    var item = make("li", result.table + ", round " + result.round + ": " + sent.text + " ", {
      "data-contribution-id": String(result.contribution_id)
    });
    item.appendChild(make("strong", "Waiting for the host", { "class": "tag", "data-remote": "status" }));
    list.insertBefore(item, list.firstChild);
  }

  var handlers = {
    table_contribution: function (m) {
      if (!isHost) return;
      addWaiting(m.contribution);
      say("New from a remote seat at " + m.contribution.table + ": " + m.contribution.text);
    },
    contribution_accepted: function (m) {
      markAccepted(m.contribution_id);
      if (!isHost) say("The host of " + m.table + " added your contribution to the harvest.");
    },
    ack: function (m) {
      var sent = pending[m.id];
      delete pending[m.id];
      if (!sent) return;
      if (sent.type === "send_to_table") {
        if (!m.duplicate) addSent(sent, m.result);
        var box = root.querySelector("form[data-remote-action=send_to_table] textarea");
        if (box && box.value === sent.text) box.value = "";
        feedback(sent.confirmation);
      } else if (sent.type === "accept_contribution") {
        markAccepted(sent.contribution);
        feedback(m.result.already_accepted ? "That contribution was already in the harvest." : "Accepted into the harvest.");
      }
    },
    error: function (m) {
      if (m.id) delete pending[m.id];
      feedback("Not done: " + m.message);
    }
  };

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-remote-action]");
    if (!form || refused || !ready) return;  // not connected: the form posts as it would without JavaScript
    event.preventDefault();
    var type = form.getAttribute("data-remote-action");
    var message = { type: type, id: newId() };
    if (type === "send_to_table") {
      var round = form.querySelector("input[name$=round]:checked");
      var text = form.querySelector("textarea");
      if (!round || !text.value.trim()) {
        // Let the server say what is missing, in the error summary.
        form.submit();
        return;
      }
      message.round = parseInt(round.value, 10);
      message.text = text.value;  // kept in the box until the server has it
    } else {
      message.contribution = parseInt(form.querySelector("input[name=contribution]").value, 10);
    }
    pending[message.id] = { type: type, text: message.text, contribution: message.contribution, confirmation: form.getAttribute("data-confirmation") || "" };
    socket.send(JSON.stringify(message));
  });

  connect();
})();
