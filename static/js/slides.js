// 焦点图 carousel: previous/next buttons, a dot per slide, arrow keys on the focused list, and a
// turn every 6 seconds that stops while the pointer or keyboard focus is on it (and never runs
// for readers who ask for reduced motion). No third-party script; without this file the photos
// stay a list that scrolls sideways.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var list = document.getElementById("slides");
    if (!list) return;
    var slides = Array.prototype.slice.call(list.children);
    if (slides.length < 2) return;
    var current = 0;
    var controls = document.createElement("div");
    controls.className = "slide-controls";
    function button(label, text, className) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.setAttribute("aria-controls", "slides");
      if (className) b.className = className;
      b.textContent = text;
      return b;
    }
    var previous = button("上一张", "‹");
    var next = button("下一张", "›");
    var dots = slides.map(function (slide, index) {
      return button("第 " + (index + 1) + " 张，共 " + slides.length + " 张", "", "dot");
    });
    controls.appendChild(previous);
    dots.forEach(function (dot) { controls.appendChild(dot); });
    controls.appendChild(next);
    list.parentNode.insertBefore(controls, list.nextSibling);

    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // While a turn scrolls the list, the scroll events on the way say nothing about where the
    // reader is: the slide being left would be marked again half-way.
    var target = null;
    var settle = null;
    function show(index) {
      current = (index + slides.length) % slides.length;
      target = current;
      window.clearTimeout(settle);
      settle = window.setTimeout(function () { target = null; }, 1000);
      list.scrollTo({ left: slides[current].offsetLeft - list.offsetLeft, behavior: still ? "auto" : "smooth" });
      mark();
    }
    function mark() {
      dots.forEach(function (dot, i) { dot.setAttribute("aria-current", i === current ? "true" : "false"); });
      slides.forEach(function (slide, i) {
        slide.setAttribute("aria-hidden", i === current ? "false" : "true");
        slide.querySelectorAll("a").forEach(function (a) { a.tabIndex = i === current ? 0 : -1; });
      });
    }
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dots.forEach(function (dot, i) { dot.addEventListener("click", function () { show(i); }); });
    list.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    });
    list.addEventListener("scroll", function () {
      var nearest = Math.round(list.scrollLeft / Math.max(1, list.clientWidth));
      if (target !== null) {
        if (nearest === target) target = null;
        return;
      }
      if (nearest !== current && nearest < slides.length) { current = nearest; mark(); }
    });
    mark();

    var paused = false;
    var section = list.parentNode;
    ["mouseenter", "focusin"].forEach(function (e) { section.addEventListener(e, function () { paused = true; }); });
    ["mouseleave", "focusout"].forEach(function (e) { section.addEventListener(e, function () { paused = false; }); });
    if (!still) window.setInterval(function () { if (!paused && !document.hidden) show(current + 1); }, 6000);
  });
})();
