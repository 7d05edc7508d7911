"""The article page's photo dialog, driven as an editor does: a button of the photo list opens
the photo's own page in the dialog; its 保存 closes it and the list shows the photo as saved."""


def open_dialog(page, button):
    """Press ``button`` (添加图片, 编辑 or 删除) and return the dialog's frame, loaded."""
    button.click()
    frame = page.frame_locator(".linli-photo-dialog iframe")
    frame.locator("#content").wait_for()
    return frame


def save_dialog(page, frame, button="保存", shows=None):
    """Press the dialog's ``button``; wait until it has closed and, with ``shows``, until the
    list shows that text."""
    frame.locator(f"input[type=submit][value='{button}'], button[type=submit]:has-text('{button}')").first.click()
    page.locator(".linli-photo-dialog[open]").wait_for(state="detached")
    if shows:
        page.locator(".linli-photo-list", has_text=shows).wait_for()


def dialog_errors(frame):
    return frame.locator(".errorlist").all_inner_texts()
