// Pasting from Word/WPS or a web page into the article body.
// - The body takes no images (every photo is a row of the photo list with its credit, placed
//   after a paragraph), so CKEditor's filter drops them: say so at once, with how many were
//   dropped and where to add them. The server's sanitiser refuses any that get through
//   (newsroom/core/richtext.py).
// - Highlighted text (Word's 突出显示, WPS's 底纹/高亮: "（此处待核实）") is a note to the desk,
//   not a style: it is kept as a visible <mark>, and the pre-publish checks refuse to submit or
//   publish while one is left (newsroom/checks.py), so it can never reach readers.
(function () {
  "use strict";
  var NOT_A_HIGHLIGHT = /^(transparent|none|white|#fff|#ffffff|windowtext|initial|inherit|auto)$/;

  function note(editor, key, text) {
    var holder = document.getElementById("cke_" + editor.name);
    if (!holder) return;
    var box = holder.parentNode.querySelector(".linli-paste-note[data-key='" + key + "']");
    if (!box) {
      box = document.createElement("p");
      box.className = "linli-warning linli-paste-note";
      box.setAttribute("role", "alert");
      box.setAttribute("data-key", key);
      holder.parentNode.insertBefore(box, holder);
    }
    box.textContent = text;
  }

  function highlightOf(element) {
    var style = (element.getAttribute("style") || "").toLowerCase();
    var found = style.match(/(?:mso-highlight|background-color|background)\s*:\s*([^;]+)/);
    var colour = found ? found[1].trim().split(/\s+/)[0] : "";
    return colour && !NOT_A_HIGHLIGHT.test(colour) ? colour : "";
  }

  // Highlighted spans become <mark>s; returns the new HTML and how many were marked.
  function markHighlights(html) {
    if (!/background|mso-highlight/i.test(html)) return { html: html, count: 0 };
    var doc = new DOMParser().parseFromString(html, "text/html");
    var count = 0;
    Array.prototype.forEach.call(doc.body.querySelectorAll("span[style], font[style]"), function (element) {
      if (!highlightOf(element) || !element.textContent.trim()) return;
      var mark = doc.createElement("mark");
      while (element.firstChild) mark.appendChild(element.firstChild);
      element.parentNode.replaceChild(mark, element);
      count += 1;
    });
    if (!count) return { html: html, count: 0 };
    return { html: doc.body.innerHTML, count: count };
  }

  function watch(editor) {
    editor.on("paste", function (event) {
      var html = (event.data && event.data.dataValue) || "";
      var images = (html.match(/<img\b/gi) || []).length;
      if (images) {
        note(editor, "images", "粘贴的内容中有 " + images + " 张图片未放进正文（正文不收图片）。" +
          "请在下方“图片”中点“添加图片”，上传或从图片库选择，填写署名，并在“插入位置”填写放在正文第几段之后。");
      }
      var marked = markHighlights(html);
      if (marked.count) {
        event.data.dataValue = marked.html;
        note(editor, "marks", "粘贴的内容中有 " + marked.count + " 处高亮文字，已保留为黄色标记。" +
          "标记是给编辑部的提示，不会发布：核实后选中文字点“清除格式”去掉标记，否则不能提交审核和发布。");
      }
    }, null, null, 1);  // priority 1: before the content filter removes images and styles
  }
  // This file loads before CKEditor's own scripts (the admin's media come first): hook in once
  // they have all run.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) return;
    Object.keys(window.CKEDITOR.instances).forEach(function (name) { watch(window.CKEDITOR.instances[name]); });
    window.CKEDITOR.on("instanceCreated", function (event) { watch(event.editor); });
  });
})();
