// Keyboard shortcuts for the moderation screen: progressive enhancement only.
// Every action is a plain form button; these keys just press the right one.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".moderation__item"));
  if (!items.length) { return; }
  var current = -1;

  function focusItem(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items[current].focus();
  }

  function press(item, key) {
    var target = item.querySelector('[data-key="' + key + '"]');
    if (!target) { return; }
    if (target.tagName === "SUMMARY") {
      target.parentNode.open = true;
      target.parentNode.querySelector("textarea").focus();
    } else {
      target.click();
    }
  }

  document.addEventListener("keydown", function (event) {
    var typing = /^(TEXTAREA|INPUT|SELECT)$/.test(event.target.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "j") { focusItem(current + 1); }
    else if (event.key === "k") { focusItem(current - 1); }
    else if (current >= 0 && event.key === "x") {
      var box = items[current].querySelector('input[type="checkbox"]');
      box.checked = !box.checked;
    }
    else if (current >= 0 && "astr".indexOf(event.key) >= 0) { press(items[current], event.key); }
    else { return; }
    event.preventDefault();
  });
}());
