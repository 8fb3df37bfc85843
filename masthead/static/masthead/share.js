/* Share bar, progressive enhancement: "Copy link" and the Web Share API.
 *
 * Without JavaScript both buttons stay hidden and the article's URL sits in a
 * read-only field for the reader to select; the network links are plain links.
 * Nothing here loads from another site.
 */
(function () {
  "use strict";

  var bar = document.querySelector("[data-share]");
  if (!bar) return;
  var field = bar.querySelector(".share__url");
  var status = bar.querySelector("[data-share-status]");
  var url = field.value;

  function say(message) {
    status.textContent = message;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-HTTP pages: copy the selected field.
    return new Promise(function (resolve, reject) {
      field.select();
      try {
        if (document.execCommand("copy")) resolve(); else reject(new Error("copy refused"));
      } catch (error) {
        reject(error);
      }
    });
  }

  function title() {
    var meta = document.querySelector('meta[property="og:title"]');
    return meta ? meta.content : document.title;
  }

  var copier = bar.querySelector("[data-share-copy]");
  if (copier) {
    copier.hidden = false;
    copier.querySelector("button").addEventListener("click", function () {
      copy(url).then(
        function () { say("Link copied."); },
        function () {
          field.select();
          say("Press Ctrl+C (or \u2318C) to copy the selected link.");
        }
      );
    });
  }

  var native = bar.querySelector("[data-share-native]");
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.querySelector("button").addEventListener("click", function () {
      navigator.share({ title: title(), url: url }).catch(function (error) {
        // AbortError: the reader closed the share sheet; nothing went wrong.
        if (error && error.name !== "AbortError") {
          say("Sharing did not work here; copy the link instead.");
        }
      });
    });
  }

  field.addEventListener("focus", function () { field.select(); });
})();
