// The article's photo cards (templates/jinja2/admin/newsroom/photo_cards.html): "修改署名和来源"
// replaces a saved photo's hidden credit and source inputs with the full widgets, copied from
// the formset's empty form and given that photo's values. The field names stay the same, so
// the save is the formset's ordinary save.
(function () {
  "use strict";

  function open(button) {
    var folded = button.closest(".linli-photo-more");
    var prefix = folded.dataset.form;                         // e.g. "photos-3"
    var group = folded.closest(".inline-group");
    var empty = group.querySelector(".empty-form .linli-photo-more-fields");
    if (!empty) return;
    var emptyPrefix = prefix.replace(/-\d+$/, "-__prefix__");
    var fields = empty.cloneNode(true);
    fields.querySelectorAll("[id], [name], [for], [aria-describedby]").forEach(function (el) {
      ["id", "name", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.split(emptyPrefix).join(prefix));
      });
    });
    folded.querySelectorAll("input[type=hidden]").forEach(function (hidden) {
      var target = fields.querySelector("[name='" + hidden.name + "']");
      if (!target) return;
      if (target.tagName === "SELECT") {
        var option = Array.prototype.find.call(target.options, function (o) { return o.value === hidden.value; });
        if (!option && hidden.value) {
          option = new Option(hidden.dataset.label || hidden.value, hidden.value, true, true);
          target.add(option);
        }
        target.value = hidden.value;
      } else {
        target.value = hidden.value;
      }
    });
    folded.replaceWith(fields);
    var $ = window.django && window.django.jQuery;  // the admin's jQuery, loaded after this file
    if ($) {
      $(fields).find(".admin-autocomplete").djangoAdminSelect2();
      $(fields).find(".related-widget-wrapper select").trigger("change");
    }
    var first = fields.querySelector("select, input:not([type=hidden])");
    if (first) first.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".linli-photo-open");
    if (button) {
      event.preventDefault();
      open(button);
    }
  });
})();
