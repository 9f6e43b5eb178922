// Live polls on the live pages (consultations/live_polls.py; docs/live-protocol.md).
// live.js sends the vote like any action; this file shows what the server says about
// polls. A member's ticked but unsent answer is never lost: counts are written into the
// results area only, and when the whole section must be fetched again (a new poll, or a
// snapshot on coming back that shows another poll or state), the boxes ticked in the same
// poll are ticked again.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-session]");
  if (!root || root.hasAttribute("data-live-polls")) return;
  root.setAttribute("data-live-polls", "");

  function panel() { return root.querySelector("[data-poll-panel]"); }
  function part(name) { var p = panel(); return p && p.querySelector('[data-poll="' + name + '"]'); }
  function say(text) {
    var region = part("announcer");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 100);
  }
  function make(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  // Fetch the section as the server renders it now, keeping this poll's ticked boxes.
  var fetching = false;
  function refresh(message) {
    if (fetching) return;
    fetching = true;
    var old = panel();
    var pollId = old.getAttribute("data-poll-id");
    var ticked = [];
    old.querySelectorAll("input[name=answer]:checked").forEach(function (input) { ticked.push(input.value); });
    var focused = document.activeElement && old.contains(document.activeElement) ? document.activeElement.id : null;
    fetch(window.location.pathname, { credentials: "same-origin" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-poll-panel]");
      if (!fresh) return;
      var current = panel();
      current.replaceWith(document.importNode(fresh, true));
      if (panel().getAttribute("data-poll-id") === pollId) {
        panel().querySelectorAll("input[name=answer]").forEach(function (input) {
          input.checked = ticked.indexOf(input.value) !== -1;
        });
      }
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      say(message);
    }).finally(function () { fetching = false; });
  }

  function renderResults(results) {
    var box = part("results");
    if (!box || String(results.poll_id) !== panel().getAttribute("data-poll-id")) return;
    var showPresent = box.getAttribute("data-show-present") === "1";
    var answered = results.answered + (results.answered === 1 ? " person has voted" : " people have voted");
    if (showPresent) answered += "; " + results.present + (results.present === 1 ? " person is" : " people are") + " here now";
    var table = make("table", null, { "class": "poll-results" });
    table.appendChild(make("caption", "Votes so far" + (results.state === "closed" ? " (final)" : "")));
    var head = make("tr");
    ["Answer", "Votes", "Share"].forEach(function (name) { head.appendChild(make("th", name, { scope: "col" })); });
    table.appendChild(make("thead")).appendChild(head);
    var body = table.appendChild(make("tbody"));
    results.rows.forEach(function (row) {
      var tr = body.appendChild(make("tr"));
      tr.appendChild(make("th", row.label, { scope: "row" }));
      tr.appendChild(make("td", row.text));
      var share = tr.appendChild(make("td"));
      share.appendChild(make("meter", row.percent + "%", { min: "0", max: "100", value: String(row.percent), "aria-label": row.label }));
      share.appendChild(document.createTextNode(" " + row.percent + "%"));
    });
    box.replaceChildren(make("p", answered + ".", { "data-poll": "answered" }), table);
  }

  root.addEventListener("live:message", function (event) {
    var m = event.detail;
    if (!panel()) return;
    if (m.type === "snapshot") {
      // Joining or coming back: the snapshot says which poll runs, in what state, and the
      // member's own vote. A section showing another poll or state is fetched again.
      var poll = m.poll;
      if ((poll ? String(poll.id) : "") !== panel().getAttribute("data-poll-id") ||
          (poll ? poll.state : "") !== panel().getAttribute("data-poll-state")) {
        refresh("");
        return;
      }
      if (poll && (m.my_vote || []).length && !panel().querySelector("input[name=answer]:checked")) {
        panel().querySelectorAll("input[name=answer]").forEach(function (input) {
          input.checked = m.my_vote.indexOf(input.value) !== -1;
        });
      }
      if (m.poll_results && part("results")) renderResults(m.poll_results);
    } else if (m.type === "poll") {
      var same = String(m.poll.id) === panel().getAttribute("data-poll-id");
      var status = part("status");
      // Paused, resumed or more time in the same poll: the words change, the form stays.
      if (same && m.poll.state !== "closed" && panel().getAttribute("data-poll-state") !== "closed" && status && !root.getAttribute("data-live-role").match(/chair/)) {
        panel().setAttribute("data-poll-state", m.poll.state);
        status.textContent = m.poll.state === "paused"
          ? "Paused for a break. You can vote when it starts again."
          : "Open for votes. It stays open until the chair closes it" + (m.poll.more_time ? ": there is more time, take the time you need." : ".");
        say(m.message);
        return;
      }
      refresh(m.message);
    } else if (m.type === "poll_results" || m.type === "chair_poll_results") {
      if (!part("results")) return;
      renderResults(m.results);
    }
  });
})();
