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
    undo: "Undo", redo: "Redo", title: "Heading", code: "Code", format_clear: "Clear formatting",
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
      var current = button.getAttribute("aria-label") || "";
      if (current && current !== ligature) continue;
      var name = NAMES[ligature] || (title ? title.charAt(0).toUpperCase() + title.slice(1) : "");
      if (button.dataset.level) name = "Heading " + button.dataset.level;
      if (name) button.setAttribute("aria-label", name);
    }
  }
  function count(text) {
    var words = text.trim() ? text.trim().split(/\s+/).length : 0;
    var chars = text.replace(/\s+/g, " ").trim().length;
    return words + (words === 1 ? " word, " : " words, ") + chars + (chars === 1 ? " character" : " characters");
  }
  ready(function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
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
      counter.textContent = count(text || "");
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
    new MutationObserver(prepare).observe(row, { childList: true, subtree: true });
    textarea.addEventListener("input", update);
    prepare();
  });
})();
