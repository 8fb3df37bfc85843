/* Embeds load nothing until the reader asks (issue 19).
 *
 * The page holds an own-origin card: a link to the post, its thumbnail copied
 * into our media library, its title and provider. Only a click on "Load
 * content from PROVIDER" builds the provider's iframe, sandboxed; the page's
 * CSP frame-src names that provider alone. Without JavaScript the card stays
 * a plain link.
 */
(function () {
  "use strict";

  var SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation";

  function load(figure) {
    var src = figure.getAttribute("data-embed-src");
    if (!/^https:\/\//.test(src)) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.getAttribute("data-embed-title") || "Embedded content";
    frame.setAttribute("sandbox", SANDBOX);
    frame.setAttribute("allow", "encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "eager");
    var box = document.createElement("div");
    box.className = "embed__frame";
    var ratio = parseFloat(figure.getAttribute("data-embed-ratio")) || 56.25;
    box.style.paddingTop = Math.min(Math.max(ratio, 20), 200) + "%";
    box.appendChild(frame);
    figure.replaceChildren(box);
    frame.focus();
  }

  document.querySelectorAll(".embed[data-embed-src]").forEach(function (figure) {
    var button = figure.querySelector(".embed__load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { load(figure); });
  });
})();
