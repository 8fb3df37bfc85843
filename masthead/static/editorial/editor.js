// The article form's body field: a toolbar that types Markdown and the story
// blocks (core/story.py), the picture and story picker, and keyboard
// shortcuts (Ctrl/Cmd+B, I, K and S). preview.js shows the page as readers
// will see it; autosave.js keeps unsaved text. Without JavaScript the form
// works as before, and the picker is a page of its own whose blocks can be
// copied.
(function () {
  "use strict";
  // [label, what it does, shortcut]: text inserted as a block, a wrap of the
  // selection, or the picker.
  var TOOLS = [
    ["Bold", {wrap: ["**", "**"], empty: "bold text"}, "B"],
    ["Italic", {wrap: ["*", "*"], empty: "italic text"}, "I"],
    ["Link", {wrap: ["[", "](https://)"], empty: "link text", select: "https://"}, "K"],
    ["Figure", {picker: "picker-pictures"}],
    ["Gallery", {block: "::: gallery\nFIRST-FILE.jpg Caption\nSECOND-FILE.jpg Caption\n:::"}],
    ["Embed", {block: "::: embed https://\n:::"}],
    ["Pull quote", {block: "::: pullquote\nThe words quoted.\n-- Who said them\n:::"}],
    ["Fact box", {block: "::: factbox Title\n- A fact\n- Another\n:::"}],
    ["Related stories", {picker: "picker-stories"}]
  ];

  function changed(body) {
    body.focus();
    body.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function insertBlock(body, text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var lead = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
    body.value = before + lead + text + "\n\n" + after;
    var caret = (before + lead + text).length;
    body.setSelectionRange(caret, caret);
    changed(body);
  }

  // Bold, italic, link: around the selection, or around a placeholder that
  // is left selected so typing replaces it.
  function wrap(body, tool) {
    var start = body.selectionStart, end = body.selectionEnd;
    var inner = body.value.slice(start, end) || tool.empty;
    var text = tool.wrap[0] + inner + tool.wrap[1];
    body.setRangeText(text, start, end, "end");
    var from = start + text.length, to = from;
    if (tool.select) {  // the link's address, to type over
      from = start + text.lastIndexOf(tool.select);
      to = from + tool.select.length;
    } else if (start === end) {  // the placeholder
      from = start + tool.wrap[0].length;
      to = from + inner.length;
    }
    body.setSelectionRange(from, to);
    changed(body);
  }

  function picker(body, endpoint, panel, query, part) {
    var url = endpoint + (query ? "?q=" + encodeURIComponent(query) : "");
    fetch(url, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var found = page.querySelector("[data-picker]");
        if (!found) { return; }
        found.removeAttribute("id");
        panel.replaceChildren(document.adoptNode(found));
        panel.hidden = false;
        panel.querySelectorAll(".picker__insert").forEach(function (button) {
          button.hidden = false;
          button.addEventListener("click", function () {
            insertBlock(body, button.getAttribute("data-insert"));
          });
        });
        var heading = part && document.getElementById(part);
        if (heading) { heading.scrollIntoView({block: "nearest"}); }
        var search = panel.querySelector("form");
        search.addEventListener("submit", function (event) {
          event.preventDefault();
          picker(body, endpoint, panel, search.querySelector("[name=q]").value);
        });
      });
  }

  function toolbar(body, desk) {
    var bar = document.createElement("div");
    bar.className = "editor-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Story blocks");
    bar.setAttribute("aria-controls", body.id);
    var panel = document.createElement("div");
    panel.className = "editor-picker";
    panel.hidden = true;
    var actions = {};
    TOOLS.forEach(function (entry) {
      var tool = entry[1], button = document.createElement("button");
      button.type = "button";
      button.className = "button editor-toolbar__button";
      button.textContent = entry[0];
      if (entry[2]) { button.setAttribute("aria-keyshortcuts", "Control+" + entry[2] + " Meta+" + entry[2]); }
      function act() {
        if (tool.picker) { picker(body, desk.dataset.pickerUrl, panel, "", tool.picker); }
        else if (tool.wrap) { wrap(body, tool); }
        else { insertBlock(body, tool.block); }
      }
      button.addEventListener("click", act);
      if (entry[2]) { actions[entry[2].toLowerCase()] = act; }
      bar.appendChild(button);
    });
    body.parentNode.insertBefore(bar, body);
    body.parentNode.parentNode.appendChild(panel);
    return actions;
  }

  // On the document, before any widget's own handler (Select2 keeps its
  // keys to itself): Ctrl/Cmd+S saves from anywhere on the page.
  function shortcuts(form, body, actions) {
    document.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) { return; }
      var key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        var save = form.querySelector("input[name=_continue]") || form.querySelector("input[name=_save]");
        if (save) { save.click(); }
      } else if (event.target === body && actions[key]) {
        event.preventDefault();
        actions[key]();
      }
    }, true);
  }

  // Select2 (the admin's autocomplete widgets) draws comboboxes and search
  // boxes without a name, and a tabular inline's fields have only their
  // column's heading: name each after its field (WCAG 4.1.2).
  var SELECT2_PARTS = "[role=combobox], [role=textbox], .select2-search__field";
  var CELL_FIELDS = ".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea";

  function nameWidgets(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = labelFor(select), container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) { return; }
      container.querySelectorAll(SELECT2_PARTS).forEach(function (part) {
        if (part.getAttribute("aria-label") !== label) { part.setAttribute("aria-label", label); }
      });
    });
    root.querySelectorAll(CELL_FIELDS).forEach(function (field) {
      if ((field.labels && field.labels.length) || field.hasAttribute("aria-label")) { return; }
      var label = labelFor(field);
      if (label) { field.setAttribute("aria-label", label); }
    });
  }

  function labelFor(field) {
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
    if (label) { return label.textContent.replace(/:\s*$/, "").trim(); }
    var cell = field.closest("td"), table = field.closest("table"), row = field.closest("tr");
    if (!cell || !table || !row) { return ""; }
    var header = table.querySelectorAll("thead th")[cell.cellIndex];
    var number = /-(\d+)$/.exec(row.id);
    var name = header ? header.textContent.trim() : "";
    return name && number ? name + " " + (Number(number[1]) + 1) : name;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    var desk = document.querySelector("[data-desk]");
    var body = document.getElementById("id_body");
    if (!form || !desk || !body) { return; }
    shortcuts(form, body, toolbar(body, desk));
    var help = desk.querySelector(".desk__shortcuts");
    if (help) { help.hidden = false; }
    nameWidgets(form);
    new MutationObserver(function () { nameWidgets(form); })
      .observe(form, {childList: true, subtree: true});
  });
})();
