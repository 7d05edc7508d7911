// On a phone the column navigation folds into one "栏目导航" button, so the article starts on the
// first screen. Runs in <head> (it only marks the page as scripted) so the menu never flashes open;
// without script the navigation simply stays unfolded.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.querySelector(".site-nav");
    var button = nav && nav.querySelector(".nav-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();
