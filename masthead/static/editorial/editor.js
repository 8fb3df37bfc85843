// The article form's body field: word count and reading time as you type, and
// a live preview rendered by the server (the site's own Markdown and sanitizer).
// Without JavaScript the form works as before; "Preview" in the admin still does.
(function () {
  "use strict";
  var WORDS_PER_MINUTE = 230;
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    var form = document.getElementById("article_form");
    if (!body || !form) { return; }
    var endpoint = form.action.replace(/\/(add|\d+\/change)\/?(\?.*)?$/, "/markdown-preview/");
    var status = document.createElement("p");
    status.className = "editor-stats";
    status.setAttribute("aria-live", "polite");
    var preview = document.createElement("div");
    preview.className = "editor-preview";
    preview.setAttribute("aria-label", "Preview of the body");
    body.parentNode.appendChild(status);
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
      fetch(endpoint, {method: "POST", body: data, credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) {
          if (!json) { return; }
          preview.innerHTML = json.html;  // sanitized by the server (nh3)
          status.textContent = json.words + " words · " + json.reading_time;
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
