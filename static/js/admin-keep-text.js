// No lost text: the story form keeps a copy of what the editor typed in this
// browser (localStorage, one copy per user and story), every few seconds and
// on leaving the page. When the form opens with text that differs from the
// copy (after a failed save, a crash or a closed tab) it offers the copy back.
// A successful save drops the copy.
(function () {
  "use strict";
  var FIELDS = ["headline", "dateline", "summary", "body", "update_note", "withdrawn_reason", "return_note",
    "slugline", "editors_note"];
  var RESTORE = "newsdesk:text:restore";
  var SAVING = "newsdesk:text:saving";

  function storage(kind) {
    try { return window[kind]; } catch (error) { return null; }  // blocked storage: keep working without it
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");
  if (!local || !session) return;

  function load(key) {
    try { return JSON.parse(local.getItem(key) || "null"); } catch (error) { return null; }
  }
  function values(form) {
    var out = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && typeof field.value === "string") out[name] = field.value;
    });
    return out;
  }
  function same(a, b) {
    return FIELDS.every(function (name) { return (a[name] || "") === (b[name] || ""); });
  }
  function fill(form, copy) {
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && typeof copy[name] === "string" && !field.readOnly) field.value = copy[name];
    });
  }

  // A restore asked for on the last page fills the fields before the body
  // editor (a module script) starts, so the editor opens with the copy.
  document.addEventListener("readystatechange", function () {
    if (document.readyState !== "interactive") return;
    var box = document.querySelector("[data-keep-text]");
    var form = document.getElementById("article_form");
    if (!box || !form || session.getItem(RESTORE) !== box.dataset.keepTextKey) return;
    session.removeItem(RESTORE);
    var copy = load(box.dataset.keepTextKey);
    if (copy) fill(form, copy.fields);
  });

  document.addEventListener("DOMContentLoaded", function () {
    // The page after a save: a success message and no errors mean it was stored.
    var saving = session.getItem(SAVING);
    if (saving && document.querySelector(".messagelist .success") && !document.querySelector(".errornote")) {
      local.removeItem(saving);
    }
    session.removeItem(SAVING);

    var box = document.querySelector("[data-keep-text]");
    var form = document.getElementById("article_form");
    if (!box || !form) return;
    var key = box.dataset.keepTextKey;
    var loaded = values(form);
    var copy = load(key);
    if (copy && !same(copy.fields, loaded)) {
      var when = new Date(copy.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      box.querySelector("[data-keep-text-message]").textContent =
        "This browser kept text you typed at " + when + " that is not in the form now.";
      box.hidden = false;
    }
    box.querySelector("[data-keep-text-restore]").addEventListener("click", function () {
      var current = load(key);
      if (!current) return;
      if (current.fields.body !== undefined && current.fields.body !== values(form).body) {
        // The body editor reads its field when it starts: reopen the form with the copy.
        session.setItem(RESTORE, key);
        window.location.assign(window.location.pathname);
        return;
      }
      fill(form, current.fields);
      box.hidden = true;
    });
    box.querySelector("[data-keep-text-discard]").addEventListener("click", function () {
      local.removeItem(key);
      box.hidden = true;
    });

    function keep() {
      var now = values(form);
      if (same(now, loaded)) return;  // nothing typed yet: keep any older copy as it is
      try {
        local.setItem(key, JSON.stringify({ at: Date.now(), fields: now }));
      } catch (error) { /* storage full: the server copy is all there is */ }
    }
    window.setInterval(keep, 5000);
    window.addEventListener("pagehide", keep);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") keep();
    });
    form.addEventListener("submit", function () {
      keep();
      session.setItem(SAVING, key);
    });
  });
})();
