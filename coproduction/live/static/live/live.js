// Live session client. The page works without this file: every action is a form post.
// With it, actions go over the WebSocket (/ws/live/<id>/) and the page updates live.
// Protocol: docs/live-protocol.md. Incoming events never move focus; what needs saying
// goes to live regions (captions: polite, and switchable; floor and state: once).
(function () {
  "use strict";
  var root = document.querySelector("[data-live-session]");
  if (!root || !("WebSocket" in window)) return;

  var sessionId = root.getAttribute("data-live-session");
  var isChair = root.getAttribute("data-live-role") === "chair";
  var lastSeq = parseInt(root.getAttribute("data-live-seq"), 10);
  var myHand = parseInt(root.getAttribute("data-live-user-hand"), 10) || null;
  var myHandState = null;
  var queue = { hands: [], floor: null };
  var outbox = [];
  var pending = {};
  var retries = {};
  var refused = false;
  var csrf = (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  // Close codes that mean "do not come back" (docs/live-protocol.md).
  var REFUSED = {
    4403: "not connected: you are not allowed to join this session. If you think you should be, ask the organisers.",
    4404: "not connected: this live session could not be found."
  };
  var STATE_WORDS = { scheduled: "Not started yet", live: "Live now", paused: "On a break", ended: "This session has ended" };
  var STATE_ANNOUNCE = { live: "The session is live.", paused: "The session is on a break.", ended: "The session has ended." };
  var STATUS_WORDS = { new: "Sent", read_out: "Read out", answered: "Answered" };
  var CHAIR_STATUS_WORDS = { new: "Not read yet", read_out: "Read out", answered: "Answered" };

  function el(name) { return root.querySelector('[data-live="' + name + '"]'); }
  function make(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function setConnection(text) { el("connection").textContent = text; }
  function announce(text) {
    var region = el("announcer");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 100);
  }
  function feedback(text) { el("feedback").textContent = text; }

  // Connection (live/client.js) ------------------------------------------------------
  var live = null;
  function connect() {
    live = window.LiveClient.connect({
      session: sessionId,
      lastSeq: lastSeq,
      onMessage: handle,
      onStatus: function (status, code) {
        if (status === "connecting") setConnection("connecting…");
        else if (status === "reconnecting") setConnection("reconnecting…");
        else if (status === "refused") {
          // The forms post as without JavaScript, and the page says why.
          refused = true;
          setConnection(REFUSED[code]);
        } else if (status === "lost") {
          setConnection(outbox.length ? "offline: your actions will be sent when you reconnect" : "reconnecting…");
        }
      }
    });
  }
  function onSynced() {
    setConnection("connected");
    // Everything not yet acknowledged goes again, including actions sent just before the
    // connection dropped: the server applies an action id once, so a retry is safe.
    var waiting = Object.keys(pending).map(function (id) { return pending[id]; });
    outbox = [];
    waiting.forEach(function (message) { live.send(message); });
  }
  function send(message) {
    pending[message.id] = message;
    if (!live || !live.send(message)) {
      outbox.push(message);
      setConnection("offline: your actions will be sent when you reconnect");
    }
  }

  // Incoming ---------------------------------------------------------------------
  function handle(message) {
    var handler = handlers[message.type];
    if (handler) handler(message);
    // Apps' own scripts (consultations' live polls) listen for their events here.
    root.dispatchEvent(new CustomEvent("live:message", { detail: message }));
  }
  var handlers = {
    snapshot: function (m) {
      renderState(m, false);
      queue = m.queue;
      myHand = m.my_hand ? m.my_hand.id : null;
      myHandState = m.my_hand ? m.my_hand.state : null;
      renderHand();
      renderPresent(m.present);
      if (m.present_names) renderNames(m.present_names);
      var list = el("captions");
      list.textContent = "";
      m.captions.forEach(addCaption);
      renderMyQuestions(m.my_questions);
      if (isChair) {
        renderChairQueue(m.chair_queue);
        renderChairQuestions(m.questions);
        renderSignals(m.signals);
      }
      onSynced();
    },
    synced: function () { onSynced(); },
    heartbeat: function (m) { renderPresent(m.present); },
    presence: function (m) { renderPresent(m.present); if (m.present_names) renderNames(m.present_names); },
    state: function (m) { renderState(m, true); },
    queue: function (m) {
      queue = m;
      if (myHand && m.hands.indexOf(myHand) === -1 && m.floor !== myHand) { myHand = null; myHandState = null; }
      renderHand();
    },
    chair_queue: function (m) { if (isChair) renderChairQueue(m.hands); },
    floor: function (m) {
      myHand = m.hand_id;
      myHandState = "floor";
      renderHand();
      announce("You have the floor. The chair has asked you to speak.");
    },
    hand_lowered: function (m) {
      if (m.hand_id === myHand) { myHand = null; myHandState = null; renderHand(); announce("The chair lowered your hand."); }
    },
    question_received: function (m) { if (isChair) addChairQuestion(m.question); },
    question_status: function (m) {
      var item = el("my-questions").querySelector('[data-question-id="' + m.question_id + '"] .tag');
      if (item) item.textContent = STATUS_WORDS[m.status];
    },
    chair_question_status: function (m) {
      var item = root.querySelector('[data-live="chair-questions"] [data-question-id="' + m.question_id + '"]');
      if (item) showChairQuestion(item, m.status, m.publish);
    },
    signals: function (m) { if (isChair) renderSignals(m.counts); },
    caption: function (m) { addCaption(m.line); },
    announcement: function (m) {
      el("announcement").textContent = m.text;
      el("announcement-box").hidden = !m.text;
      announce("From the chair: " + m.text);
    },
    ack: function (m) {
      var sent = pending[m.id];
      delete pending[m.id];
      delete retries[m.id];
      if (!sent) return;
      if (sent.type === "raise_hand") { myHand = m.result.hand_id; myHandState = "raised"; renderHand(); }
      if (sent.type === "lower_hand") { myHand = null; myHandState = null; renderHand(); }
      if (sent.type === "ask_question" && !m.duplicate) {
        addMyQuestion({ id: m.result.question_id, text: sent.text, status: "new" });
      }
      feedback(spec(sent.type).confirmation);
    },
    error: function (m) {
      var sent = m.id ? pending[m.id] : null;
      if (sent && m.code === "rate_limited" && (retries[m.id] || 0) < 5) {
        // Too much at once (a captioner pasting fast, say): send it again shortly, same id.
        retries[m.id] = (retries[m.id] || 0) + 1;
        feedback("Sending… waiting a moment first.");
        window.setTimeout(function () { if (pending[sent.id]) send(sent); }, 1000 + Math.random() * 500);
        return;
      }
      if (m.id) { delete pending[m.id]; delete retries[m.id]; }
      feedback("Not done: " + m.message);
    }
  };
  // Each action as the server registered it (coproduction/live/registry.py): its
  // confirmation, and which fields are numbers, ticks, typed text or optional.
  var ACTIONS = JSON.parse((document.getElementById("live-actions") || {}).textContent || "{}");
  function spec(type) { return ACTIONS[type] || { confirmation: "Done.", int_fields: [], bool_fields: [], text_fields: [], optional_fields: [] }; }

  // Rendering ---------------------------------------------------------------------
  function renderState(m, spoken) {
    var before = el("state-words").textContent;
    el("state-words").textContent = STATE_WORDS[m.state] || m.state;
    el("item-title").textContent = m.item ? m.item.title : "Nothing yet";
    el("item-description").textContent = m.item ? m.item.description : "";
    if (m.announcement !== undefined) {
      el("announcement").textContent = m.announcement;
      el("announcement-box").hidden = !m.announcement;
    }
    root.querySelectorAll('[data-live="agenda"] > li').forEach(function (li) {
      var current = m.item && String(m.item.id) === li.getAttribute("data-item-id");
      if (current) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
      var marker = li.querySelector(".now-marker");
      if (current && !marker) li.insertBefore(make("strong", " (now)", { "class": "now-marker" }), li.childNodes[1] || null);
      if (!current && marker) marker.remove();
    });
    if (spoken && before !== el("state-words").textContent && STATE_ANNOUNCE[m.state]) announce(STATE_ANNOUNCE[m.state]);
  }
  function renderPresent(count) {
    if (typeof count === "number") el("present").textContent = count + (count === 1 ? " person is" : " people are") + " here.";
  }
  function renderNames(names) {
    var span = el("present-names");
    if (span) span.textContent = names.length ? "(" + names.join(", ") + ")" : "";
  }
  function renderHand() {
    var status = el("hand-status");
    if (!status) return;
    var waiting = queue.hands.length;
    var text;
    if (myHand && myHandState === "floor") text = "You have the floor. The chair has asked you to speak.";
    else if (myHand && queue.hands.indexOf(myHand) !== -1) {
      text = "Your hand is up. You are number " + (queue.hands.indexOf(myHand) + 1) + " of " + waiting + " waiting.";
    } else text = "Your hand is down. " + waiting + (waiting === 1 ? " person is" : " people are") + " waiting to speak.";
    status.textContent = "";
    status.appendChild(make("p", text, myHandState === "floor" ? { "class": "floor-notice" } : {}));
    var raise = root.querySelector('form[data-live-action="raise_hand"]');
    var lower = root.querySelector('form[data-live-action="lower_hand"]');
    if (!raise || !lower) return;
    // If the button with focus is about to disappear, its counterpart takes the focus,
    // so keyboard users are never dropped back at the top of the page.
    var active = document.activeElement;
    var successor = null;
    if (myHand && raise.contains(active)) successor = lower;
    if (!myHand && lower.contains(active)) successor = raise;
    raise.hidden = !!myHand;
    lower.hidden = !myHand;
    if (successor) successor.querySelector("button").focus();
  }
  function addCaption(line) {
    var list = el("captions");
    var empty = list.querySelector(".hint");
    if (empty) empty.remove();
    var item = make("li");
    item.appendChild(make("span", (line.at || "").slice(11, 19), { "class": "captions__time" }));
    item.appendChild(document.createTextNode(" " + line.text));
    list.appendChild(item);
    if (document.getElementById("captions-scroll") && document.getElementById("captions-scroll").checked) {
      list.scrollTop = list.scrollHeight;
    }
  }
  function renderMyQuestions(questions) {
    var list = el("my-questions");
    if (!list) return;
    list.textContent = "";
    if (!questions.length) list.appendChild(make("li", "You have not written anything yet.", { "class": "hint" }));
    questions.forEach(addMyQuestion);
  }
  function addMyQuestion(q) {
    var list = el("my-questions");
    if (!list) return;
    var empty = list.querySelector(".hint");
    if (empty) empty.remove();
    var item = make("li", q.text + " ", { "data-question-id": q.id });
    item.appendChild(make("strong", STATUS_WORDS[q.status], { "class": "tag" }));
    list.appendChild(item);
  }
  function actionForm(type, fields, label, extraClass) {
    var form = make("form", null, { method: "post", action: root.querySelector("form[action]").getAttribute("action"),
      "data-live-action": type, "class": "inline-form" });
    var hidden = Object.assign({ csrfmiddlewaretoken: csrf, from: "chair", type: type, id: newId() }, fields);
    Object.keys(hidden).forEach(function (name) {
      form.appendChild(make("input", null, { type: "hidden", name: name, value: hidden[name] }));
    });
    var button = make("button", null, { type: "submit", "class": extraClass || "button button--secondary" });
    button.appendChild(document.createTextNode(label[0]));
    if (label[1]) button.appendChild(make("span", label[1], { "class": "visually-hidden" }));
    form.appendChild(button);
    return form;
  }
  function renderChairQueue(hands) {
    var list = el("chair-queue");
    if (!list) return;
    // The list is drawn anew; a chair working it by keyboard keeps their place in it.
    var active = document.activeElement;
    var place = null;
    if (list.contains(active)) {
      var activeItem = active.closest("li");
      var activeForm = active.closest("form[data-live-action]");
      place = {
        hand: activeItem && activeItem.getAttribute("data-hand-id"),
        action: activeForm && activeForm.getAttribute("data-live-action"),
        index: Array.prototype.indexOf.call(list.children, activeItem)
      };
    }
    list.textContent = "";
    if (!hands.length) list.appendChild(make("li", "No hands raised.", { "class": "hint" }));
    hands.forEach(function (hand) {
      var item = make("li", null, { "data-hand-id": hand.id });
      item.appendChild(make("strong", hand.name));
      if (hand.state === "floor") item.appendChild(document.createTextNode(" (has the floor)"));
      if (hand.note) item.appendChild(document.createTextNode(": " + hand.note));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(actionForm("give_floor", { hand_id: hand.id }, ["Give the floor", " to " + hand.name]));
      item.appendChild(actionForm("lower_hand_for", { hand_id: hand.id }, ["Lower", " " + hand.name + "'s hand"], "link-button"));
      list.appendChild(item);
    });
    if (place) {
      var same = list.querySelector('li[data-hand-id="' + place.hand + '"] form[data-live-action="' + place.action + '"] button');
      var near = list.children[Math.min(Math.max(place.index, 0), list.children.length - 1)];
      var target = same || (near && near.querySelector("button")) || el("chair-queue-heading");
      if (target) target.focus();
    }
  }
  function renderChairQuestions(questions) {
    var list = el("chair-questions");
    if (!list) return;
    list.textContent = "";
    if (!questions.length) list.appendChild(make("li", "No written questions yet.", { "class": "hint" }));
    questions.forEach(addChairQuestion);
  }
  // A question arriving live is drawn from the same markup as those on the page when it
  // loaded (a <template> in the page), so the chair has the same controls either way.
  function addChairQuestion(q) {
    var list = el("chair-questions");
    var template = el("chair-question-template");
    if (!list || !template) return;
    var empty = list.querySelector(".hint");
    if (empty && empty.parentNode === list) empty.remove();
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-question-id", q.id);
    item.querySelectorAll("[id], label[for]").forEach(function (node) {
      ["id", "for"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value) node.setAttribute(name, value.replace("QUESTION_ID", q.id));
      });
    });
    item.querySelector("input[name=question_id]").value = q.id;
    item.querySelector("input[name=id]").value = newId();
    item.querySelector('[data-live="question-text"]').textContent = q.text;
    item.querySelector('[data-live="question-from"]').textContent = q.name;
    showChairQuestion(item, q.status, q.publish);
    list.appendChild(item);
  }
  function showChairQuestion(item, status, publish) {
    item.querySelector('[data-live="status"]').textContent =
      CHAIR_STATUS_WORDS[status] + (publish ? ", published on the record" : "");
    item.querySelector("input[name=status][value=answered]").checked = status === "answered";
    item.querySelector("input[name=status][value=read_out]").checked = status !== "answered";
    item.querySelector("input[name=publish]").checked = !!publish;
  }
  function renderSignals(counts) {
    Object.keys(counts).forEach(function (kind) {
      var cell = el("signal-" + kind);
      if (cell) cell.textContent = counts[kind];
    });
  }

  // Outgoing: every form on the page, including those drawn above ---------------------
  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-live-action]");
    if (!form || refused) return;  // refused: the form posts as without JavaScript, and the page says why
    event.preventDefault();
    var action = spec(form.getAttribute("data-live-action"));
    var message = { id: newId() };
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "from" || name === "id") return;
      if (action.int_fields.indexOf(name) !== -1) value = parseInt(value, 10);
      if (action.bool_fields.indexOf(name) !== -1) value = true;
      if (action.optional_fields.indexOf(name) !== -1 && !value) return;
      // A name ticked more than once (a multiple choice vote) is sent as a list.
      if (message[name] !== undefined) message[name] = [].concat(message[name], value);
      else message[name] = value;
    });
    // As in a form post, an unticked box means no.
    action.bool_fields.forEach(function (name) { if (message[name] === undefined) message[name] = false; });
    send(message);
    if (action.text_fields.length) {
      var box = form.querySelector("textarea, input[type=text]");
      if (box) box.value = "";
    }
  });

  // Caption controls, kept on this device -------------------------------------------
  function control(name) { return root.querySelector('[data-live-control="' + name + '"]'); }
  function stored(name, fallback) {
    try { var value = window.localStorage.getItem("live-" + name); return value === null ? fallback : value; }
    catch (e) { return fallback; }
  }
  function store(name, value) { try { window.localStorage.setItem("live-" + name, value); } catch (e) { /* private mode */ } }
  var show = control("captions-show"), spoken = control("captions-announce"), size = control("captions-size");
  var shortcuts = control("shortcuts");
  function applyCaptionChoices() {
    var list = el("captions");
    list.hidden = !show.checked;
    list.setAttribute("aria-live", spoken.checked ? "polite" : "off");
    list.style.fontSize = size.value + "em";
  }
  spoken.checked = stored("captions-announce", "true") === "true";
  size.value = stored("captions-size", "1");
  shortcuts && (shortcuts.checked = stored("shortcuts", "false") === "true");
  [show, spoken, size].forEach(function (input) {
    input.addEventListener("change", function () {
      store("captions-announce", spoken.checked);
      store("captions-size", size.value);
      applyCaptionChoices();
    });
  });
  if (shortcuts) shortcuts.addEventListener("change", function () { store("shortcuts", shortcuts.checked); });
  applyCaptionChoices();
  el("caption-choices").hidden = false;
  if (el("shortcuts-section")) el("shortcuts-section").hidden = false;

  // Captioners send a line with Enter and carry on typing in the same box.
  var captionBox = root.querySelector("textarea[data-enter-sends]");
  if (captionBox) {
    el("caption-enter-hint").hidden = false;
    var describedBy = (captionBox.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    captionBox.setAttribute("aria-describedby", describedBy.concat("caption-text-hint").join(" "));
    captionBox.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      if (captionBox.value.trim()) captionBox.form.requestSubmit();
    });
  }

  // Optional single-key shortcuts (WCAG 2.1.4: off unless the person turns them on) ----
  document.addEventListener("keydown", function (event) {
    if (!shortcuts || !shortcuts.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key.toLowerCase();
    if (key === "h") {
      var visible = root.querySelector('form[data-live-action="raise_hand"]:not([hidden]), form[data-live-action="lower_hand"]:not([hidden])');
      if (visible) visible.requestSubmit();
    } else if (key === "w") {
      var box = root.querySelector('[data-shortcut-target="write"]');
      if (box) { event.preventDefault(); box.focus(); }
    } else if (key === "s") {
      var slow = root.querySelector('[data-shortcut-target="slow"]');
      if (slow) slow.closest("form").requestSubmit();
    } else if (key === "c") {
      show.checked = !show.checked;
      applyCaptionChoices();
    }
  });

  connect();
})();
