// The article's photo list (templates/admin/newsroom/article/photo_list.html): 添加图片, 编辑
// and 删除 open the photo's own admin page in a dialog. When it is saved, the dialog's last page
// says so (admin-photo-done.js); the list is fetched again and, when the save was the only change
// since this page was loaded, the page takes the article's new version as its own, so the next
// save of the article is not refused as a conflict with the editor's own photo.
(function () {
  "use strict";

  function host() {
    return document.querySelector(".linli-photo-dialog-host");
  }

  function open(url) {
    var place = host();
    if (!place || !url) return;
    var dialog = place.querySelector("dialog");
    dialog.querySelector("iframe").src = url;
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".linli-photo-add, .linli-photo-edit, .linli-photo-delete");
    if (!button) return;
    event.preventDefault();
    open(button.dataset.url);
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || !event.data.linliPhoto) return;
    var place = host();
    if (!place) return;
    var done = event.data.linliPhoto;
    var dialog = place.querySelector("dialog");
    dialog.close();
    dialog.querySelector("iframe").src = "about:blank";
    var loaded = document.querySelector("input[name=loaded_version]");
    if (loaded && done.version && Number(loaded.value) + 1 === done.version) loaded.value = String(done.version);
    fetch(place.dataset.list, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = document.createElement("div");
        fresh.innerHTML = html;
        var list = fresh.querySelector(".linli-photo-list");
        if (list) place.querySelector(".linli-photo-list").replaceWith(list);
        var said = place.querySelector(".linli-photo-note");
        if (done.note) {
          if (!said) {
            said = document.createElement("p");
            said.className = "linli-note linli-photo-note";
            said.setAttribute("role", "status");
            place.querySelector(".linli-photo-list").before(said);
          }
          said.textContent = done.note;
        } else if (said) {
          said.remove();
        }
        place.dispatchEvent(new CustomEvent("linli:photos", { bubbles: true, detail: done }));
      });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash === "#add-photo") {
      var place = host();
      if (place) open(place.dataset.add);
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  });
})();
