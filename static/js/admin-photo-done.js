// The photo dialog's last page (templates/admin/newsroom/photo/dialog_done.html): tells the
// article page what was saved, so it closes the dialog and shows the photo list as it is now.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("linli-photo-done").textContent);
  if (window.parent && window.parent !== window) {
    window.parent.postMessage({ linliPhoto: data }, window.location.origin);
  }
})();
