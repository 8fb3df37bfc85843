// The article form's body field: a toolbar that types the story blocks
// (core/story.py), the picture and story picker, word count and reading time
// as you type, and a live preview rendered by the server with the site's own
// renderer and sanitizer. Without JavaScript the form works as before, and
// the picker is a page of its own whose blocks can be copied.
(function () {
  "use strict";
  var WORDS_PER_MINUTE = 275;
  var BLOCKS = [
    ["Picture", "picker"],
    ["Gallery", "::: gallery\nFIRST-FILE.jpg Caption\nSECOND-FILE.jpg Caption\n:::"],
    ["Pull quote", "::: pullquote\nThe words quoted.\n-- Who said them\n:::"],
    ["Fact box", "::: factbox Title\n- A fact\n- Another\n:::"],
    ["Related", "picker"],
    ["Embed", "::: embed https://\n:::"],
    ["Link", "[text](https://)"]
  ];

  function insertAt(body, text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var block = text.indexOf(":::") === 0;
    var lead = block && before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
    var tail = block ? "\n\n" : "";
    body.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    body.setSelectionRange(caret, caret);
    body.focus();
    body.dispatchEvent(new Event("input"));
  }

  function picker(body, endpoint, panel, query) {
    var url = endpoint + (query ? "?q=" + encodeURIComponent(query) : "");
    fetch(url, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var found = page.querySelector("[data-picker]");
        if (!found) { return; }
        panel.replaceChildren(document.adoptNode(found));
        panel.hidden = false;
        panel.querySelectorAll(".picker__insert").forEach(function (button) {
          button.hidden = false;
          button.addEventListener("click", function () {
            insertAt(body, button.getAttribute("data-insert"));
          });
        });
        var search = panel.querySelector("form");
        search.addEventListener("submit", function (event) {
          event.preventDefault();
          picker(body, endpoint, panel, search.querySelector("[name=q]").value);
        });
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    var form = document.getElementById("article_form");
    if (!body || !form) { return; }
    var base = form.action.replace(/\/(add|\d+\/change)\/?(\?.*)?$/, "/");
    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Story blocks");
    var panel = document.createElement("div");
    panel.className = "editor-picker";
    panel.hidden = true;
    BLOCKS.forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button editor-toolbar__button";
      button.textContent = entry[0];
      button.addEventListener("click", function () {
        if (entry[1] === "picker") { picker(body, base + "picker/", panel, ""); }
        else { insertAt(body, entry[1]); }
      });
      toolbar.appendChild(button);
    });
    body.parentNode.insertBefore(toolbar, body);
    var status = document.createElement("p");
    status.className = "editor-stats";
    status.setAttribute("aria-live", "polite");
    var errors = document.createElement("ul");
    errors.className = "errorlist editor-errors";
    var preview = document.createElement("div");
    preview.className = "editor-preview story__body";
    preview.setAttribute("aria-label", "Preview of the body");
    body.parentNode.appendChild(panel);
    body.parentNode.appendChild(status);
    body.parentNode.appendChild(errors);
    body.parentNode.appendChild(preview);
    var timer = null;
    function count() {
      var words = (body.value.match(/\S+/g) || []).length;
      var minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
      status.textContent = words + " words · " + minutes + " Min Read";
    }
    function render() {
      var data = new FormData();
      data.append("body", body.value);
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(base + "markdown-preview/", {method: "POST", body: data, credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) {
          if (!json) { return; }
          preview.innerHTML = json.html;  // rendered and sanitized by the server
          errors.replaceChildren.apply(errors, (json.errors || []).map(function (message) {
            var item = document.createElement("li");
            item.textContent = message;
            return item;
          }));
          if (json.words !== undefined) {
            status.textContent = json.words + " words · " + json.reading_time;
          }
        });
    }
    body.addEventListener("input", function () {
      count();
      clearTimeout(timer);
      timer = setTimeout(render, 400);
    });
    count();
    render();
  });
})();
