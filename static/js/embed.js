/* Newsdesk "Off the wire" ticker for partner sites (docs/syndication.md).
 * Paste: <div data-newsdesk-ticker></div><script src="https://DESK/ticker/embed.js" async></script>
 * Each such div gets an <iframe> of DESK/ticker/embed/: the frame keeps the
 * host's CSS and ours apart both ways, and runs the desk's own ticker (pause,
 * refresh, reduced motion, Flash announcements). Options, as data attributes:
 * data-limit, data-kinds ("urgent,interview"), data-theme (light, dark, auto),
 * data-interval (seconds between refreshes). One global: NewsdeskTicker.scan()
 * mounts divs added later. */
(function () {
  "use strict";
  var HEIGHT = 48; // px: the one-line ticker; reserved at once, so the host page does not shift
  var OPTIONS = ["limit", "kinds", "theme", "interval"];
  if (window.NewsdeskTicker) return window.NewsdeskTicker.scan();
  var script =
    document.currentScript || document.querySelector('script[src*="/ticker/embed.js"]');
  var page = new URL("/ticker/embed/", script.src);
  var frames = [];

  function mount(holder) {
    if (holder.getAttribute("data-newsdesk-ticker") === "mounted") return;
    holder.setAttribute("data-newsdesk-ticker", "mounted");
    var src = new URL(page);
    OPTIONS.forEach(function (name) {
      var value = holder.getAttribute("data-" + name);
      if (value) src.searchParams.set(name, value);
    });
    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = holder.getAttribute("data-title") || "Off the wire: news ticker";
    // Styled property by property: a host page whose CSP refuses style attributes still shows it.
    frame.style.cssText =
      "display:block;width:100%;height:" + HEIGHT + "px;border:0;margin:0;padding:0;background:transparent";
    holder.style.minHeight = HEIGHT + "px";
    holder.appendChild(frame);
    frames.push(frame);
  }

  function scan() {
    document.querySelectorAll("[data-newsdesk-ticker]").forEach(mount);
  }

  // The frame reports its ticker's height (e.g. under a larger text size).
  window.addEventListener("message", function (event) {
    var data = event.data && event.data.newsdeskTicker;
    if (event.origin !== page.origin || !data || !(data.height > 0)) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.ceil(data.height) + "px";
        frame.parentNode.style.minHeight = Math.ceil(data.height) + "px";
      }
    });
  });

  window.NewsdeskTicker = { scan: scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
