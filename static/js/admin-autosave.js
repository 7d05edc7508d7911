// Autosave of the article page: what the editor typed goes to the server every few seconds
// (30 by default) while it changes, and when the tab is hidden or closed; after a crash the page
// offers it back ("恢复自动保存的内容"): the article's fields and what was typed or picked in the
// rows of its bylines (not rows added since the last save, which the
// offer names so they can be added again).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    var box = document.getElementById("linli-autosave");
    if (!form || !box) return;
    var url = box.getAttribute("data-url");
    var seconds = parseInt(box.getAttribute("data-seconds") || "30", 10);
    var enabled = seconds > 0;  // 0 turns autosave off (the offer of an earlier one still works)
    var status = box.querySelector(".linli-autosave-status");
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var submitting = false;

    var ROW = /^credits-\d+-/;
    function own(el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name.charAt(0) === "_") return false;
      if (["file", "submit", "button", "hidden"].indexOf(el.type) >= 0) return false;
      if (el.name.indexOf("__prefix__") >= 0 || /-(DELETE|id|article)$/.test(el.name)) return false;
      return el.name.indexOf("-") < 0 || ROW.test(el.name);
    }
    function editors() {
      return window.CKEDITOR ? Object.keys(window.CKEDITOR.instances).map(function (n) {
        return window.CKEDITOR.instances[n];
      }) : [];
    }
    function collect() {
      editors().forEach(function (editor) { editor.updateElement(); });
      var data = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!own(el)) return;
        if (el.type === "checkbox") data[el.name] = el.checked;
        else if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
        else if (el.multiple) {
          data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
            .map(function (o) { return o.value; });
        } else {
          data[el.name] = el.value;
          // A chosen person or library image: its label too, for its autocomplete box.
          if (el.tagName === "SELECT" && ROW.test(el.name) && el.selectedIndex >= 0 && el.value) {
            data[el.name + "#label"] = el.options[el.selectedIndex].text;
          }
        }
      });
      return JSON.stringify(data);
    }
    function post(target, body, keepalive) {
      return fetch(target, {
        method: "POST", credentials: "same-origin", keepalive: !!keepalive, body: body,
        headers: { "Content-Type": "application/json", "X-CSRFToken": token }
      });
    }

    var last = null;
    function send(keepalive) {
      if (submitting || !enabled) return;
      var body = collect();
      if (last === null) return;  // not started yet
      if (body === last) return;
      last = body;
      post(url, body, keepalive).then(function (response) {
        return response.json().then(function (answer) {
          if (status) {
            status.textContent = response.ok ? "已自动保存(" + answer.saved_at + ")，点“保存”后才生效。" : answer.error;
          }
        });
      }).catch(function () {
        if (status) status.textContent = "自动保存失败(网络中断)，请尽快手动保存。";
        last = null;
      });
    }
    form.addEventListener("submit", function () { submitting = true; });
    // The page as loaded is saved already: remember it once every editor has started (CKEditor
    // rewrites the body's markup when it starts), and send only what differs from it.
    function baseline() { if (last === null) last = collect(); }
    if (window.CKEDITOR) {
      window.CKEDITOR.on("instanceReady", function () {
        if (editors().every(function (editor) { return editor.status === "ready"; })) baseline();
      });
      if (editors().length && editors().every(function (editor) { return editor.status === "ready"; })) baseline();
    } else {
      baseline();
    }
    if (enabled) window.setInterval(function () { send(); }, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") send(true);
    });

    var offer = document.querySelector(".linli-autosave-offer");
    var saved = document.getElementById("linli-autosaved");
    if (!offer || !saved) return;
    var data = JSON.parse(saved.textContent);
    offer.querySelector("[data-autosave=restore]").addEventListener("click", function () {
      var missing = {};
      Object.keys(data).forEach(function (name) {
        if (name.indexOf("#label") > 0) return;
        var value = data[name];
        var found = form.querySelectorAll('[name="' + name + '"]');
        if (!found.length && ROW.test(name)) missing[name.split("-").slice(0, 2).join("-")] = true;
        found.forEach(function (el) {
          if (el.type === "checkbox") el.checked = !!value;
          else if (el.type === "radio") el.checked = el.value === value;
          else if (el.multiple) {
            Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
          } else {
            var label = data[name + "#label"];
            if (el.tagName === "SELECT" && value && label &&
                !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
              el.appendChild(new Option(label, value, false, false));  // an autocomplete's choice
            }
            el.value = value;
          }
          el.dispatchEvent(new Event("change", { bubbles: true }));
        });
        var editor = window.CKEDITOR && window.CKEDITOR.instances["id_" + name];
        if (editor) editor.setData(value);
      });
      var rows = Object.keys(missing).length;
      offer.innerHTML = "<p>已恢复自动保存的内容，请检查后点“保存”。</p>" + (rows
        ? "<p>另有 " + rows + " 行上次保存后新增的署名未能恢复，请重新添加。</p>" : "");
    });
    offer.querySelector("[data-autosave=discard]").addEventListener("click", function () {
      post(url + "?discard=1", "{}").then(function () { offer.remove(); });
    });
  });
})();
