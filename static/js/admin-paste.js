// Pasting from Word/WPS or a web page into the article body: the body takes no images (every
// photo is a row with its credit, placed after a paragraph), so CKEditor's filter drops them.
// Say so at once, with how many were dropped and where to add them, instead of losing them
// silently. The server's sanitiser refuses any that get through (newsroom/core/richtext.py).
(function () {
  "use strict";
  function warn(editor, count) {
    var holder = document.getElementById("cke_" + editor.name);
    if (!holder) return;
    var note = holder.parentNode.querySelector(".linli-paste-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "linli-warning linli-paste-note";
      note.setAttribute("role", "alert");
      holder.parentNode.insertBefore(note, holder);
    }
    note.textContent = "粘贴的内容中有 " + count + " 张图片未放进正文（正文不收图片）。" +
      "请在下方“图片”中上传或从图片库选择，填写署名，并在“插入位置”填写放在正文第几段之后。";
  }
  function watch(editor) {
    editor.on("paste", function (event) {
      var html = (event.data && event.data.dataValue) || "";
      var count = (html.match(/<img\b/gi) || []).length;
      if (count) warn(editor, count);
    }, null, null, 1);  // priority 1: before the content filter removes them
  }
  // This file loads before CKEditor's own scripts (the admin's media come first): hook in once
  // they have all run.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) return;
    Object.keys(window.CKEDITOR.instances).forEach(function (name) { watch(window.CKEDITOR.instances[name]); });
    window.CKEDITOR.on("instanceCreated", function (event) { watch(event.editor); });
  });
})();
