// Nothing lost (issue 20): the headline, standfirst and body are posted to
// the server every few seconds while they change, and when the page is
// hidden or closed, and offered back the next time ("You have unsaved text
// from TIME: Restore / Discard"). The same POST is the heartbeat of the
// soft lock: it tells this editor when someone else has the story open, and
// "Take over" moves the lock here. Nothing here saves or publishes the
// article itself; the server's version check guards the save.
(function () {
  "use strict";
  var EVERY = 3000;  // ms between looks for changed text
  var FIELDS = ["title", "standfirst", "body"];

  function value(form, name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function snapshot(form) {
    return JSON.stringify(FIELDS.map(function (name) { return value(form, name); }));
  }

  function payload(form, withText, extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", value(form, "csrfmiddlewaretoken"));
    if (withText) {
      FIELDS.forEach(function (name) { data.append(name, value(form, name)); });
      data.append("edited_version", value(form, "edited_version"));
    }
    Object.keys(extra || {}).forEach(function (key) { data.append(key, extra[key]); });
    return data;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch"}
    }).then(function (r) { return r.ok && r.status !== 204 ? r.json() : {}; });
  }

  function showLock(lock) {
    var banner = document.querySelector("[data-desk-lock]");
    if (!banner || !lock) { return; }
    banner.hidden = lock.mine;
    if (lock.mine) { return; }
    var line = banner.querySelector("[data-desk-lock-text]");
    var name = document.createElement("strong");
    name.textContent = lock.editor;
    line.replaceChildren(name, " is editing since " + lock.since + ".");
  }

  function restore(form, say) {
    var offer = document.querySelector("[data-desk-offer]");
    var source = document.getElementById("desk-offer-data");
    if (!offer || !source) { return; }
    var kept = JSON.parse(source.textContent);
    var button = offer.querySelector("[data-desk-restore]");
    button.hidden = false;
    button.addEventListener("click", function () {
      FIELDS.concat(["edited_version"]).forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (!field || kept[name] === null || kept[name] === undefined) { return; }
        field.value = kept[name];
        field.dispatchEvent(new Event("input", {bubbles: true}));
        field.dispatchEvent(new Event("change", {bubbles: true}));  // the slug follows
      });
      offer.remove();
      say("Unsaved text restored: save to keep it.");
      document.dispatchEvent(new Event("desk:restored"));
      form.elements.namedItem("body").focus();
    });
    var discard = offer.querySelector("[data-desk-discard]");
    discard.addEventListener("click", function (event) {
      event.preventDefault();
      post(document.querySelector("[data-desk]").dataset.discardUrl, payload(form, false))
        .then(function () { offer.remove(); say("Unsaved text discarded."); });
    });
  }

  function takeOver(form, say) {
    var take = document.getElementById("desk-take-over");
    if (!take) { return; }
    take.addEventListener("submit", function (event) {
      event.preventDefault();
      post(take.action, new FormData(take)).then(function (json) {
        showLock(json.lock);
        say("You are editing this story now.");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    var desk = document.querySelector("[data-desk]");
    if (!form || !desk || !desk.dataset.autosaveUrl || !form.elements.namedItem("body")) {
      return;  // a read-only page: nothing to keep
    }
    var url = desk.dataset.autosaveUrl;
    var locked = Boolean(document.getElementById("desk-take-over"));
    var beat = Number(desk.dataset.heartbeatSeconds || 30) * 1000;
    var status = document.createElement("p");
    status.className = "desk__autosave";
    status.setAttribute("role", "status");
    desk.querySelector(".desk__editor").appendChild(status);
    function say(text) { status.textContent = text; }
    var sent = snapshot(form), last = 0, submitting = false;

    function send(withText, extra) {
      last = Date.now();
      return post(url, payload(form, withText, extra)).then(function (json) {
        if (json.saved_at) { say("Unsaved text kept at " + json.saved_at + "."); }
        showLock(json.lock);
      }, function () { say("Could not keep unsaved text: is the connection down?"); });
    }
    function tick() {
      var now = snapshot(form);
      if (now !== sent) { sent = now; send(true); }
      else if (locked && Date.now() - last >= beat) { send(false); }
    }
    function beacon(extra) {
      var changed = snapshot(form) !== sent;
      if (!changed && !extra) { return; }
      sent = snapshot(form);
      navigator.sendBeacon(url, payload(form, changed, extra));
    }

    if (locked) { send(false); }  // says "I am here", or who else is
    setInterval(tick, EVERY);
    form.addEventListener("submit", function () { submitting = true; });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !submitting) { beacon(); }
    });
    window.addEventListener("pagehide", function () {
      if (!submitting) { beacon(locked ? {leaving: "1"} : null); }
    });
    restore(form, say);
    takeOver(form, say);
  });
})();
