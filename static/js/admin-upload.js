// Batch upload to the image library: every file is its own request (progress per file, one
// failure never loses the others, no request near the server's body limit).
(function () {
  "use strict";
  var form = document.getElementById("linli-upload");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector(".linli-dropzone");
  var list = form.querySelector(".linli-upload-list");

  function field(name) {
    var el = form.elements[name];
    if (el && el.type === "checkbox") { return el.checked ? "on" : ""; }
    return el ? el.value : "";
  }

  function upload(file) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    label.textContent = file.name + "（" + (file.size / 1024 / 1024).toFixed(1) + " MB）";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("span");
    status.className = "linli-upload-status";
    status.textContent = "等待上传";
    item.append(label, bar, status);
    list.appendChild(item);

    var data = new FormData();
    ["csrfmiddlewaretoken", "portal", "shared", "credit_kind", "credit_person", "credit_organisation", "credit_role", "tags"].forEach(
      function (name) { data.append(name, field(name)); }
    );
    data.append("file", file);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        bar.value = Math.round((event.loaded / event.total) * 100);
        status.textContent = "上传中 " + bar.value + "%";
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = {}; }
      if (request.status === 200 && answer.ok) {
        bar.value = 100;
        item.className = "ok";
        status.textContent = answer.already || "已上传（" + answer.size + "）";
        var link = document.createElement("a");
        link.href = answer.url;
        link.textContent = answer.already ? "查看" : "填写说明";
        item.append(" ", link);
      } else {
        item.className = "error";
        status.textContent = request.status === 413
          ? "文件过大，超过服务器上限"
          : "未上传：" + ((answer.errors || []).join("；") || "服务器错误(" + request.status + ")");
      }
    });
    request.addEventListener("error", function () {
      item.className = "error";
      status.textContent = "网络中断，未上传，请重试";
    });
    request.send(data);
  }

  function take(files) {
    Array.prototype.forEach.call(files, upload);
  }

  input.addEventListener("change", function () { take(input.files); input.value = ""; });
  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    take(event.dataTransfer.files);
  });
})();
