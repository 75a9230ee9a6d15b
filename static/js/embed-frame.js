// /ticker/embed/ in a partner's frame: tell embed.js on the host page how tall
// the ticker is, so a larger text size never clips it. Nothing else leaves the frame.
const ticker = document.querySelector("[data-ticker]");
if (ticker && window.parent !== window) {
  const report = () => window.parent.postMessage({ newsdeskTicker: { height: ticker.offsetHeight } }, "*");
  new ResizeObserver(report).observe(ticker);
}
