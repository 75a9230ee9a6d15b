// "Also open by …": while a story's form is open, tell the desk every 20
// seconds and show who else has it open. Leaving the page says goodbye.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var box = document.querySelector("[data-presence]");
    var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!box || !box.dataset.presenceUrl || !tokenInput) return;
    var url = box.dataset.presenceUrl;
    function body(extra) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", tokenInput.value);
      if (extra) data.append(extra, "1");
      return data;
    }
    function ping() {
      fetch(url, { method: "POST", body: body(), credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { others: [] }; })
        .then(function (data) {
          var others = data.others || [];
          box.hidden = others.length === 0;
          box.textContent = others.length ? "Also open by " + others.join(", ") + ". Save often; a stale save is refused, never lost." : "";
        })
        .catch(function () { /* offline for a moment: try again next time */ });
    }
    ping();
    window.setInterval(ping, 20000);
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) navigator.sendBeacon(url, body("leave"));
    });
  });
})();
