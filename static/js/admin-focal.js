// The focal point of a library image: click the preview to set it (crops keep it in frame).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".linli-focal");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!box) return;
    var dot = box.querySelector(".linli-focal-dot");
    if (!x || !y) {  // fixed while a public page shows the image: show where it is
      dot.style.left = (parseFloat(box.dataset.focalX) * 100) + "%";
      dot.style.top = (parseFloat(box.dataset.focalY) * 100) + "%";
      return;
    }
    function place() {
      dot.style.left = (parseFloat(x.value) * 100) + "%";
      dot.style.top = (parseFloat(y.value) * 100) + "%";
    }
    box.querySelector("img").addEventListener("click", function (event) {
      var rect = event.target.getBoundingClientRect();
      x.value = ((event.clientX - rect.left) / rect.width).toFixed(2);
      y.value = ((event.clientY - rect.top) / rect.height).toFixed(2);
      place();
    });
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    place();
  });
})();
