// The live preview beside the article form (issue 20): the article page
// itself, rendered by the server from the text being typed through the real
// article template and the site's stylesheet, in a same-origin frame.
//
// The frame loads the preview URL once; after that each pause in typing
// posts the form's text there and swaps the new page's body into the frame,
// so the frame keeps its scroll position and the admin's history gets no
// entry per keystroke. Word count, reading time and block errors come from
// the markdown-preview endpoint beside it.
(function () {
  "use strict";
  var PAUSE = 500;  // ms after the last keystroke
  var FIELDS = ["title", "slug", "standfirst", "body", "section", "hero_image"];

  function formData(form) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value !== undefined) { data.append(name, field.value); }
    });
    return data;
  }

  function post(url, data) {
    return fetch(url, {method: "POST", body: data, credentials: "same-origin"});
  }

  // Links in the preview open a new tab: the editor's screen stays put.
  function prepare(frame) {
    var doc = frame.contentDocument;
    if (!doc || !doc.head || doc.querySelector("base")) { return; }
    var base = doc.createElement("base");
    base.target = "_blank";
    doc.head.prepend(base);
  }

  function swap(frame, html) {
    var doc = frame.contentDocument;
    if (!doc || !doc.body) { return; }
    var page = new DOMParser().parseFromString(html, "text/html");
    doc.title = page.title;
    doc.body.replaceWith(doc.importNode(page.body, true));
  }

  function stats(status, errors, json) {
    if (!json) { return; }
    errors.replaceChildren.apply(errors, (json.errors || []).map(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      return item;
    }));
    if (json.words !== undefined) {
      status.textContent = json.words + " words · " + json.reading_time;
    }
  }

  function build(desk, body) {
    var section = desk.querySelector(".desk__preview");
    var frame = document.createElement("iframe");
    frame.className = "desk__frame";
    frame.name = "desk-preview";
    frame.title = "Preview of the story as readers will see it";
    // Same origin, so this script can update it; no script runs inside, and
    // forms in it (the comment form) cannot be sent.
    frame.setAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
    frame.src = desk.dataset.previewUrl;
    section.appendChild(frame);
    section.hidden = false;
    var status = document.createElement("p");
    status.className = "editor-stats";
    status.setAttribute("aria-live", "polite");
    var errors = document.createElement("ul");
    errors.className = "errorlist editor-errors";
    errors.setAttribute("aria-live", "polite");
    var row = body.closest(".form-row") || body.parentNode;
    row.appendChild(status);
    row.appendChild(errors);
    return {frame: frame, status: status, errors: errors};
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    var desk = document.querySelector("[data-desk]");
    var body = document.getElementById("id_body");
    if (!form || !desk || !body || !desk.dataset.previewUrl) { return; }
    var parts = build(desk, body);
    var timer = null, sent = 0, loaded = false;
    // The saved page first, then the form's own text (a refused save's, or a
    // restored one, may differ from what is saved).
    parts.frame.addEventListener("load", function () {
      prepare(parts.frame);
      if (!loaded) { loaded = true; render(); }
    });
    function render() {
      var number = ++sent, data = formData(form);
      if (loaded) {
        post(desk.dataset.previewUrl, data)
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (html && number === sent) { swap(parts.frame, html); prepare(parts.frame); }
          });
      }
      post(desk.dataset.statsUrl, data)
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) { stats(parts.status, parts.errors, json); });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(render, PAUSE);
    }
    form.addEventListener("input", function (event) {
      if (FIELDS.indexOf(event.target.name) !== -1) { later(); }
    });
    // Select2 reports its choice with jQuery's change event only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", "select", later);
    }
    document.addEventListener("desk:restored", render);
  });
})();
