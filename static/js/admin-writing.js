// The story form as a writing surface: the body editor checks spelling, counts
// words and characters as you type, and its toolbar buttons carry real names
// (the editor draws them with icon-font ligatures such as "format_bold").
// The error summary at the top takes the focus after a refused save.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  var NAMES = {
    format_bold: "Bold", format_italic: "Italic", subscript: "Subscript", superscript: "Superscript",
    format_list_bulleted: "Bulleted list", format_list_numbered: "Numbered list", format_quote: "Quote",
    horizontal_rule: "Horizontal rule", insert_link: "Link", link: "Link", link_off: "Remove link",
    notes: "Text style", tune: "List properties", undo: "Undo", redo: "Redo", title: "Heading", code: "Code", format_clear: "Clear formatting",
    keyboard_return: "Line break", fullscreen: "Full screen", fullscreen_exit: "Leave full screen",
    format_align_left: "Align left", format_align_center: "Align centre", format_align_right: "Align right",
    table: "Table", image: "Image", html: "Edit HTML", text_fields: "Text"
  };
  function nameButtons(root) {
    var buttons = root.querySelectorAll("button, [role=button]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var ligature = (button.textContent || "").trim();
      var title = button.getAttribute("title") || "";
      if (!button.classList.contains("material-icons") && !NAMES[ligature]) continue;  // named by its own text
      var name = NAMES[ligature] || (title ? title.charAt(0).toUpperCase() + title.slice(1) : "");
      if (button.dataset.level) name = "Heading " + button.dataset.level;
      if (name) button.setAttribute("aria-label", name);
    }
  }
  // The autocomplete selects (select2) draw a combobox with no name of its own:
  // give each the label of the select it stands for.
  function nameComboboxes(root) {
    var selects = root.querySelectorAll("select.admin-autocomplete");
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      var box = select.parentNode.querySelector(".select2-selection[role=combobox]");
      if (!box || box.getAttribute("aria-label")) continue;
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var name = label ? label.textContent.replace(/:\s*$/, "").trim() : (select.name.split("-").pop() || "").replace(/_/g, " ");
      name = name.charAt(0).toUpperCase() + name.slice(1);
      box.setAttribute("aria-label", name);
      var shown = box.querySelector(".select2-selection__rendered");
      if (shown) labelChoice(shown, name);
      if (!select.dataset.named) {
        select.dataset.named = "1";
        window.django && window.django.jQuery && window.django.jQuery(select).on("change", function () {
          var rendered = this.parentNode.querySelector(".select2-selection__rendered");
          if (rendered) labelChoice(rendered, rendered.getAttribute("aria-label").split(":")[0]);
        });
      }
    }
    // Rows of the tabular inlines (bylines): each box named by its column and row.
    var cells = root.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select");
    for (var j = 0; j < cells.length; j++) {
      var input = cells[j];
      if (input.getAttribute("aria-label") || (input.id && document.querySelector('label[for="' + input.id + '"]'))) continue;
      var cell = input.closest("td");
      var table = cell.closest("table");
      var header = table && table.querySelectorAll("thead th")[cell.cellIndex];
      var row = input.closest("tr");
      var what = header ? header.textContent.trim() : input.name.split("-").pop();
      if (/delete/i.test(input.name)) what = "Delete";
      input.setAttribute("aria-label", what + ", row " + (row.rowIndex));
    }
  }
  function labelChoice(rendered, name) {
    rendered.setAttribute("aria-label", name + ": " + (rendered.textContent.replace(/^×/, "").trim() || "none chosen"));
  }
  function count(text) {
    var words = text.trim() ? text.trim().split(/\s+/).length : 0;
    var chars = text.replace(/\s+/g, " ").trim().length;
    return words + (words === 1 ? " word, " : " words, ") + chars + (chars === 1 ? " character" : " characters");
  }
  ready(function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    var form = document.getElementById("article_form");
    if (form) {
      nameComboboxes(form);
      new MutationObserver(function () { nameComboboxes(form); }).observe(form, { childList: true, subtree: true });
    }
    var textarea = document.getElementById("id_body");
    var counter = document.querySelector("[data-body-count]");
    if (!textarea || !counter) return;
    var row = textarea.closest(".form-row") || textarea.parentNode;
    row.appendChild(counter);
    counter.id = "body-count";
    counter.hidden = false;
    function editable() { return row.querySelector("[contenteditable=true]"); }
    function update() {
      var box = editable();
      var text = box ? box.innerText : textarea.value.replace(/<[^>]*>/g, " ");
      var said = count(text || "");
      if (counter.textContent !== said) counter.textContent = said;  // the observer below sees this change
    }
    function prepare() {
      var box = editable();
      if (box) {
        box.setAttribute("spellcheck", "true");
        box.setAttribute("aria-label", "Body");
        box.setAttribute("aria-describedby", "body-count");
        if (!box.dataset.counted) {
          box.dataset.counted = "1";
          box.addEventListener("input", update);
          box.addEventListener("keyup", update);
        }
      }
      nameButtons(row);
      update();
    }
    new MutationObserver(function (changes) {
      if (changes.some(function (change) { return !counter.contains(change.target); })) prepare();
    }).observe(row, { childList: true, subtree: true });
    textarea.addEventListener("input", update);
    prepare();
  });
})();
