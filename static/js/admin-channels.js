// 发布到其他渠道: copy the WeChat version as rich text (so the 公众号 editor, 秀米 and 135编辑器 keep
// its formatting) or the plain text, from the page's read-only text areas.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-html], [data-copy-text]");
  if (!button) return;
  const status = document.querySelector(".linli-copied");
  const html = button.dataset.copyHtml && document.getElementById(button.dataset.copyHtml).value;
  const text = button.dataset.copyText && document.getElementById(button.dataset.copyText).value;
  try {
    if (html && window.ClipboardItem) {
      const plain = new DOMParser().parseFromString(html, "text/html").body.innerText;
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" }),
      })]);
    } else {
      await navigator.clipboard.writeText(html || text);
    }
    status.textContent = "已复制，可以粘贴了。";
  } catch (error) {
    const area = document.getElementById(button.dataset.copyHtml || button.dataset.copyText);
    area.select();
    status.textContent = "浏览器不允许直接复制：已选中全部内容，请按 Ctrl+C。";
  }
});
