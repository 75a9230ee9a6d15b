// The "Off the wire" ticker: scrolls the server-rendered list, with a Pause/Play
// button placed before the items. Pausing is remembered. Under
// prefers-reduced-motion the list stays static (CSS); the button still holds
// back later updates of the list.
const KEY = "newsdesk:ticker-paused";

function setPaused(ticker, paused) {
  ticker.classList.toggle("ticker--paused", paused);
  ticker.dataset.paused = String(paused);
  ticker.querySelector("[data-ticker-toggle-text]").textContent = paused ? "Play" : "Pause";
  try {
    localStorage.setItem(KEY, paused ? "1" : "0");
  } catch {
    // Storage refused: the choice lasts for this page only.
  }
}

function start(ticker) {
  const list = ticker.querySelector("[data-ticker-items]");
  const toggle = ticker.querySelector("[data-ticker-toggle]");
  let paused = false;
  try {
    paused = localStorage.getItem(KEY) === "1";
  } catch {
    paused = false;
  }
  toggle.hidden = false;
  setPaused(ticker, paused);
  toggle.addEventListener("click", () => setPaused(ticker, ticker.dataset.paused !== "true"));
  if (!list || list.children.length < 2) return;
  // A copy of the items makes the loop seamless; it is hidden from assistive
  // technology and out of the tab order.
  for (const item of [...list.children]) {
    const clone = item.cloneNode(true);
    clone.setAttribute("aria-hidden", "true");
    clone.setAttribute("inert", "");
    clone.dataset.tickerClone = "";
    list.append(clone);
  }
  ticker.style.setProperty("--ticker-duration", `${Math.max(20, list.children.length * 4)}s`);
  ticker.classList.add("ticker--moving");
}

for (const ticker of document.querySelectorAll("[data-ticker]")) start(ticker);
