// Click the picture in the image form to set its focal point; the numeric
// fields stay the way to do it without a pointer or without JavaScript.
(function () {
  "use strict";
  function place(mark, img, x, y) {
    mark.hidden = false;
    mark.style.left = (x * img.clientWidth) + "px";
    mark.style.top = (y * img.clientHeight) + "px";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var img = document.querySelector("img[data-focal-point]");
    var fx = document.getElementById("id_focal_x");
    var fy = document.getElementById("id_focal_y");
    if (!img || !fx || !fy) { return; }
    var mark = img.parentNode.querySelector(".focal-picker__mark");
    var show = function () { place(mark, img, parseFloat(fx.value) || 0.5, parseFloat(fy.value) || 0.5); };
    img.addEventListener("load", show);
    if (img.complete) { show(); }
    img.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      fx.value = x.toFixed(3);
      fy.value = y.toFixed(3);
      show();
    });
    fx.addEventListener("input", show);
    fy.addEventListener("input", show);
  });
})();
