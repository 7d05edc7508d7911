// 点击: report this view of an article and show the live figure (the page itself may come
// from a cache). Without JavaScript the view is not counted.
(function () {
  var figure = document.querySelector("[data-count-url]");
  if (!figure || !window.fetch) return;
  fetch(figure.getAttribute("data-count-url"), { method: "POST", credentials: "omit", keepalive: true })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) { if (data && data.views) figure.textContent = String(data.views); })
    .catch(function () {});
})();

// Font size (大 中 小) and 打印本页 on article pages. Without JavaScript the buttons stay hidden.
(function () {
  var body = document.getElementById("article-body");
  if (!body) return;
  var sizes = ["large", "medium", "small"];
  function apply(size) {
    sizes.forEach(function (s) { body.classList.toggle("font-" + s, s === size && s !== "medium"); });
    document.querySelectorAll("[data-font]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-font") === size));
    });
  }
  var saved = null;
  try { saved = window.localStorage.getItem("linli-font"); } catch (e) {}
  apply(sizes.indexOf(saved) >= 0 ? saved : "medium");
  document.querySelectorAll("[data-font]").forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-font");
      apply(size);
      try { window.localStorage.setItem("linli-font", size); } catch (e) {}
    });
  });
  // The date on paper: when it was printed (the page itself is cached for everyone).
  window.addEventListener("beforeprint", function () {
    var box = document.querySelector(".print-date");
    if (!box) return;
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    box.textContent = "　打印时间：" + now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate()) +
      " " + two(now.getHours()) + ":" + two(now.getMinutes());
    box.hidden = false;
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll(".font-size, .print").forEach(function (el) { el.hidden = false; });
})();

// 语音朗读 (适老化): the browser's own speech synthesis reads the title and the body; nothing is
// sent anywhere. Shown only where the browser can speak Chinese.
(function () {
  var button = document.querySelector("[data-speak]");
  var body = document.getElementById("article-body");
  if (!button || !body || !("speechSynthesis" in window)) return;
  var title = document.getElementById("article-title");
  button.addEventListener("click", function () {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      button.setAttribute("aria-pressed", "false");
      button.textContent = "语音朗读";
      return;
    }
    var text = (title ? title.textContent + "。" : "") + body.innerText;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang === "zh-Hant" ? "zh-TW" : "zh-CN";
    utterance.rate = 0.9;
    utterance.onend = function () { button.setAttribute("aria-pressed", "false"); button.textContent = "语音朗读"; };
    window.speechSynthesis.speak(utterance);
    button.setAttribute("aria-pressed", "true");
    button.textContent = "停止朗读";
  });
  // Shown only once the browser has a Chinese voice: with none, speak() stays silent while the
  // button would say 停止朗读. Voices often arrive after the page (voiceschanged).
  function offer() {
    var chinese = window.speechSynthesis.getVoices().some(function (v) { return /^(zh|cmn|yue)/i.test(v.lang); });
    if (chinese) button.closest(".speak").hidden = false;
    return chinese;
  }
  if (!offer() && window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", offer);
  }
})();

// 网友评论: the article page is cached for everyone; its comment block (最新评论, 热门评论, the
// count) is fetched apart. Without JavaScript the 查看全部留言 link leads to the same comments.
(function () {
  var box = document.querySelector("[data-comments]");
  if (!box || !window.fetch) return;
  // With the reader's cookies: the block comes in the script the reader chose (简/繁), as the page.
  fetch(box.getAttribute("data-comments"), { credentials: "same-origin", cache: "no-cache" })
    .then(function (r) { return r.ok ? r.text() : null; })
    .then(function (html) { if (html) box.innerHTML = html; })
    .catch(function () {});
})();
