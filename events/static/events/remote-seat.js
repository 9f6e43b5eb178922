// Remote seats at World Café tables. The pages work without this file: every step is a
// form post. With it, "Send to my table", "Accept into the harvest" and "Decline" go over the
// event's live session WebSocket (docs/live-protocol.md: send_to_table, accept_contribution,
// decline_contribution), and what arrives (a contribution for the host, an acceptance or a
// decline for the sender) is added to the page and said politely in a live region. Focus
// moves only when the host accepts or declines from the keyboard: the buttons go, so focus
// stays at that contribution, now marked accepted or declined. Once the session has ended
// the pages leave out the element this file looks for, so it does nothing there.
//
// The round and its time left (round_timer) and the host's notes (table_note, post_table_note):
// the time left is rewritten each minute as plain text, not announced; the polite region
// speaks only when a round starts, at 5 minutes, at 1 minute, when time is up, when more
// time is given and when it ends. Nothing moves, flashes or makes a sound.
(function () {
  "use strict";
  var root = document.querySelector("[data-remote-seat]");
  if (!root || !("WebSocket" in window)) return;

  var sessionId = root.getAttribute("data-remote-seat");
  var isHost = root.getAttribute("data-remote-role") === "host";
  var refused = false;
  var pending = {};
  var csrf = (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";

  function el(name) { return root.querySelector('[data-remote="' + name + '"]'); }
  // Two things said within a second (a round starting as a note arrives) are said together,
  // so the second never silences the first.
  var lastSaid = "";
  var lastSaidAt = 0;
  function say(text) {
    var region = el("announcer");
    var now = Date.now();
    var words = now - lastSaidAt < 1000 && lastSaid ? lastSaid + " " + text : text;
    lastSaid = words;
    lastSaidAt = now;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = words; }, 100);
  }
  function excerpt(text, count) {
    var words = text.split(/\s+/);
    return words.length > count ? words.slice(0, count).join(" ") + "…" : text;
  }
  function feedback(text) { var node = el("feedback"); if (node) node.textContent = text; }
  function noteFeedback(text) { var node = el("note-feedback"); if (node) node.textContent = text; }
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

  // The round and its time left --------------------------------------------------------
  var cafeId = (el("round") || { getAttribute: function () { return ""; } }).getAttribute("data-cafe-id");
  var seatsNode = document.getElementById("my-seats");
  var mySeats = seatsNode ? JSON.parse(seatsNode.textContent) : {};
  var timer = null;
  var lastMinutes = null;

  // The device's clock may be wrong: count by the server's. The page and each snapshot say
  // what time the server had (server_now); the difference is kept and added to Date.now().
  var clockOffset = 0;
  function setServerNow(ms) {
    if (typeof ms === "number" && isFinite(ms)) clockOffset = ms - Date.now();
  }
  function minutesLeft(t) {
    var seconds = (Date.parse(t.ends_at) - (Date.now() + clockOffset)) / 1000;
    return Math.max(0, Math.ceil(seconds / 60));
  }
  function timeLeftText(t, minutes) {
    if (!t.running) return "Round " + t.round + " has ended.";
    if (minutes > 1) return "About " + minutes + " minutes left in round " + t.round + ", ends at " + t.ends_at_words + ".";
    if (minutes === 1) return "About 1 minute left in round " + t.round + ", ends at " + t.ends_at_words + ".";
    return "Time is up for round " + t.round + ": it was due to end at " + t.ends_at_words + ".";
  }
  function timerFromPage() {
    var node = el("time-left");
    if (!node || !node.getAttribute("data-ends-at")) return null;
    return {
      round: parseInt(node.getAttribute("data-round"), 10),
      ends_at: node.getAttribute("data-ends-at"),
      ends_at_words: node.getAttribute("data-ends-at-words"),
      running: node.getAttribute("data-running") === "true"
    };
  }
  function showRound(t) {
    var box = el("round-now");
    if (!box) return;
    box.textContent = "";
    var title = make("p");
    title.appendChild(make("strong", "Round " + t.round));
    title.appendChild(document.createTextNode(": " + t.question));
    box.appendChild(title);
    if (t.easy_read_question) box.appendChild(make("p", "In easy read: " + t.easy_read_question, { "class": "hint" }));
    box.appendChild(make("p", timeLeftText(t, minutesLeft(t)), { "data-remote": "time-left" }));
    var mine = el("my-table");
    if (mine && !isHost) {
      var table = mySeats[String(t.round_id)];
      mine.textContent = table
        ? "Your seat for round " + t.round + ": " + table + "."
        : "You do not have a seat for round " + t.round + ". Choose a table below.";
    }
  }
  function setTimer(t, quietly) {
    timer = t;
    lastMinutes = t && t.running ? minutesLeft(t) : null;
    if (t && t.question !== undefined) showRound(t);
    if (t && t.message && !quietly) say(t.message);
  }
  function tick() {
    if (!timer || !timer.running) return;
    var minutes = minutesLeft(timer);
    if (minutes === lastMinutes) return;
    var node = el("time-left");
    var text = timeLeftText(timer, minutes);
    if (node) node.textContent = text;  // not a live region: seen each minute, not spoken
    var crossed = function (mark) { return lastMinutes !== null && lastMinutes > mark && minutes <= mark; };
    if (crossed(0)) say("Time is up for round " + timer.round + ".");
    else if (crossed(1) || crossed(5)) say(text);
    lastMinutes = minutes;
  }
  var pageClock = el("time-left");
  if (pageClock && pageClock.getAttribute("data-server-now")) setServerNow(parseInt(pageClock.getAttribute("data-server-now"), 10));
  timer = timerFromPage();
  if (timer && timer.running) lastMinutes = minutesLeft(timer);
  window.setInterval(tick, 5000);

  function addNote(note, announce) {
    var list = el("notes");
    if (!list) return;
    var empty = el("no-notes");
    if (empty) empty.remove();
    list.insertBefore(
      make("li", note.table + ", " + note.at_words + ": " + note.text, { "data-note-id": String(note.id) }),
      list.firstChild
    );
    if (announce) say("Note from the host of " + note.table + ": " + note.text);
  }

  // The connection (live/client.js): a snapshot on every connect, since this page keeps
  // no event history of its own.
  var live = null;
  function connect() {
    live = window.LiveClient.connect({
      session: sessionId,
      resume: false,
      onMessage: function (message) {
        if (message.type === "snapshot") {
          setServerNow(message.server_now);
          fromSnapshot(message.world_cafe);
          return;
        }
        var handler = handlers[message.type];
        if (handler) handler(message);
      },
      onStatus: function (status) {
        if (status === "ready") connection("Connected: updates appear here.");
        else if (status === "lost") connection("Reconnecting…");
        else if (status === "refused") {
          // Not allowed in the live session: the forms post as without JavaScript and say why.
          refused = true;
          connection("");
        }
      }
    });
  }

  // The host decided (here, in another tab, or a facilitator did): the item's forms go and
  // it says what became of it. The button that had focus is gone: keep the host's place.
  function markDecided(item, words) {
    var forms = Array.prototype.slice.call(item.querySelectorAll("form"));
    if (!forms.length) return;
    var hadFocus = forms.some(function (form) { return form.contains(document.activeElement); });
    forms.forEach(function (form) { form.remove(); });
    var done = make("p", words, { "class": "tag", tabindex: "-1" });
    item.appendChild(done);
    if (hadFocus) done.focus();
  }

  function markAccepted(id) {
    var item = root.querySelector('[data-contribution-id="' + id + '"]');
    if (!item) return;
    if (isHost) {
      markDecided(item, "Accepted into the harvest.");
    } else {
      var status = item.querySelector('[data-remote="status"]');
      if (status) status.textContent = "In the harvest";
    }
  }

  function markDeclined(id, reason) {
    var item = root.querySelector('[data-contribution-id="' + id + '"]');
    if (!item) return;
    if (isHost) {
      markDecided(item, "Declined: not added to the harvest.");
      return;
    }
    var status = item.querySelector('[data-remote="status"]');
    if (status) status.textContent = "Not added to the harvest";
    if (reason && !item.querySelector('[data-remote="reason"]')) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(make("span", "The host said: " + reason, { "data-remote": "reason" }));
    }
  }

  function declineForm(c) {
    // The same form the server renders, so it posts as it would without JavaScript.
    var list = el("waiting");
    var prefix = "d" + c.id;
    var field = "id_" + prefix + "-reason";
    var form = make("form", null, {
      method: "post",
      action: list.getAttribute("data-decline-action").replace(/\/0\/$/, "/" + c.id + "/"),
      novalidate: "",
      "data-remote-action": "decline_contribution",
      "data-contribution": String(c.id),
      "data-confirmation": list.getAttribute("data-decline-confirmation") || ""
    });
    form.appendChild(make("input", null, { type: "hidden", name: "csrfmiddlewaretoken", value: csrf }));
    form.appendChild(make("input", null, { type: "hidden", name: "id", value: newId() }));
    var group = make("div", null, { "class": "form-group" });
    group.appendChild(make("label", "Why it is not added (optional)", { "class": "label", "for": field }));
    group.appendChild(make("p", "Up to 300 characters. The member who sent it sees this.", { "class": "hint", id: field + "-hint" }));
    group.appendChild(make("input", null, { type: "text", name: prefix + "-reason", id: field, maxlength: "300", "aria-describedby": field + "-hint" }));
    form.appendChild(group);
    var button = make("button", "Decline", { type: "submit", "class": "button button--secondary" });
    button.appendChild(make("span", ": " + c.text.split(/\s+/).slice(0, 8).join(" "), { "class": "visually-hidden" }));
    form.appendChild(button);
    return form;
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
    var form = make("form", null, {
      method: "post",
      action: list.getAttribute("data-accept-action"),
      novalidate: "",
      "data-remote-action": "accept_contribution"
    });
    form.appendChild(make("input", null, { type: "hidden", name: "csrfmiddlewaretoken", value: csrf }));
    form.appendChild(make("input", null, { type: "hidden", name: "id", value: newId() }));
    form.appendChild(make("input", null, { type: "hidden", name: "contribution", value: String(c.id) }));
    var button = make("button", "Accept into the harvest", { type: "submit", "class": "button" });
    button.appendChild(make("span", ": " + c.text.split(/\s+/).slice(0, 8).join(" "), { "class": "visually-hidden" }));
    form.appendChild(button);
    item.appendChild(form);
    item.appendChild(declineForm(c));
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

  function fromSnapshot(part) {
    // A reconnect: bring the round and the notes up to date without announcing them again.
    if (!part) return;
    var current = part.rounds.filter(function (t) { return String(t.cafe_id) === cafeId; })[0];
    if (current && (!timer || timer.ends_at !== current.ends_at || timer.running !== current.running || timer.round !== current.round)) {
      setTimer(current, true);
    }
    // The snapshot has the latest notes: any of them not shown arrived while away. Shown
    // notes it does not have are older, and stay below them.
    var list = el("notes");
    if (isHost || !list) return;
    var ids = part.notes.map(function (note) { return String(note.id); });
    var missing = ids.some(function (id) { return !list.querySelector('[data-note-id="' + id + '"]'); });
    if (!missing) return;
    var older = Array.prototype.filter.call(list.querySelectorAll("li[data-note-id]"), function (li) {
      return ids.indexOf(li.getAttribute("data-note-id")) === -1;
    });
    list.textContent = "";
    part.notes.forEach(function (note) { addNote(note, false); });
    older.forEach(function (li) { list.appendChild(li); });
  }

  var handlers = {
    round_timer: function (m) {
      if (String(m.timer.cafe_id) !== cafeId) return;
      setTimer(Object.assign({}, m.timer, { message: m.message }), false);
    },
    table_note: function (m) {
      if (isHost) { addNote(m.note, false); return; }
      addNote(m.note, true);
    },
    table_contribution: function (m) {
      if (!isHost) return;
      addWaiting(m.contribution);
      // Who and where, and the start of it: the whole text is in the list.
      say("New from a remote seat at " + m.contribution.table + ", from " + m.contribution.name + ": " + excerpt(m.contribution.text, 12));
    },
    contribution_accepted: function (m) {
      markAccepted(m.contribution_id);
      if (!isHost) say("The host of " + m.table + " added your contribution to the harvest.");
    },
    contribution_declined: function (m) {
      markDeclined(m.contribution_id, m.reason);
      if (!isHost) {
        say("The host of " + m.table + " did not add your contribution to the harvest." + (m.reason ? " They said: " + m.reason : ""));
      }
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
      } else if (sent.type === "post_table_note") {
        var noteBox = root.querySelector("form[data-remote-action=post_table_note] textarea");
        if (noteBox && noteBox.value === sent.text) noteBox.value = "";
        noteFeedback(sent.confirmation);
      } else if (sent.type === "accept_contribution") {
        markAccepted(sent.contribution);
        feedback(m.result.already_accepted ? "That contribution was already in the harvest." : "Accepted into the harvest.");
      } else if (sent.type === "decline_contribution") {
        markDeclined(sent.contribution, sent.reason);
        feedback(m.result.already_declined ? "That contribution was already declined." : sent.confirmation);
      }
    },
    error: function (m) {
      var sent = m.id ? pending[m.id] : null;
      if (m.id) delete pending[m.id];
      if (sent && sent.type === "post_table_note") noteFeedback("Not sent: " + m.message);
      else feedback("Not done: " + m.message);
    }
  };

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-remote-action]");
    if (!form || refused || !live || !live.ready()) return;  // not connected: the form posts as it would without JavaScript
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
    } else if (type === "post_table_note") {
      var table = form.querySelector("input[name$=table]:checked");
      var note = form.querySelector("textarea");
      if (!table || !note.value.trim()) {
        form.submit();
        return;
      }
      message.table = parseInt(table.value, 10);
      message.text = note.value;
    } else if (type === "decline_contribution") {
      message.contribution = parseInt(form.getAttribute("data-contribution"), 10);
      var reason = form.querySelector("input[name$=reason]").value.trim();
      if (reason) message.reason = reason;  // kept in the box until the server has it
    } else {
      message.contribution = parseInt(form.querySelector("input[name=contribution]").value, 10);
    }
    pending[message.id] = {
      type: type,
      text: message.text,
      reason: message.reason || "",
      contribution: message.contribution,
      confirmation: form.getAttribute("data-confirmation") || ""
    };
    live.send(message);
  });

  connect();
})();
