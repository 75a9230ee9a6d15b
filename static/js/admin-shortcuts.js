// Keyboard shortcuts on the story form: Ctrl/Cmd+S saves and keeps editing,
// Ctrl/Cmd+Shift+P saves and publishes, Ctrl/Cmd+Shift+D saves as draft.
// Each editor can switch them off; the choice is kept in this browser.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var toggle = document.querySelector("[data-shortcuts-toggle]");
    var form = document.getElementById("article_form");
    if (!toggle || !form) return;
    var key = "newsdesk:shortcuts:" + (toggle.dataset.user || "");
    var stored = null;
    try { stored = window.localStorage.getItem(key); } catch (e) { /* storage blocked: default on */ }
    toggle.checked = stored !== "off";
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(key, toggle.checked ? "on" : "off"); } catch (e) { /* ignore */ }
    });
    function press(name) {
      var button = form.querySelector('input[type="submit"][name="' + name + '"]');
      if (!button) return false;
      button.click();
      return true;
    }
    document.addEventListener("keydown", function (event) {
      if (!toggle.checked || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      var letter = (event.key || "").toLowerCase();
      var done = false;
      if (letter === "s" && !event.shiftKey) done = press("_continue") || press("_save") || press("_draft");
      else if (letter === "p" && event.shiftKey) done = press("_publish");
      else if (letter === "d" && event.shiftKey) done = press("_draft");
      if (done) event.preventDefault();
    });
  });
})();
