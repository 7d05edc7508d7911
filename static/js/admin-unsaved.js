// No lost edits on the article page: the browser warns before leaving with unsaved changes, and
// a workflow button (提交审核, 签发…) is refused while the form holds changes not yet saved, with
// what was typed kept on the page.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    if (!form) return;
    var dirty = false;
    var saving = false;

    function editorsChanged() {
      if (!window.CKEDITOR) return false;
      return Object.keys(window.CKEDITOR.instances).some(function (name) {
        return window.CKEDITOR.instances[name].checkDirty();
      });
    }
    function unsaved() { return !saving && (dirty || editorsChanged()); }

    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { saving = true; });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    document.querySelectorAll("form.linli-actions").forEach(function (actions) {
      actions.addEventListener("submit", function (event) {
        if (!unsaved()) { saving = true; return; }
        event.preventDefault();
        var note = actions.querySelector(".linli-unsaved");
        if (!note) {
          note = document.createElement("p");
          note.className = "linli-unsaved linli-warning";
          note.setAttribute("role", "alert");
          actions.prepend(note);
        }
        note.textContent = "本页有尚未保存的修改：请先点页面下方的“保存并继续编辑”，再提交审核或执行其他操作。您输入的内容仍保留在页面上。";
        note.scrollIntoView({ block: "center" });
      });
    });
  });
})();
