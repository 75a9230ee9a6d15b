// The "Off the wire" ticker, written once for the site's pages and for
// /ticker/embed/ (the page the partner widget frames).
// - Scrolls the server-rendered list, with a Pause/Play button placed before
//   the items. Pausing is remembered, and stops both the motion and updates.
//   Under prefers-reduced-motion the list stays static (CSS).
// - Every data-ticker-refresh seconds it asks data-ticker-src (/ticker.json)
//   for news with If-None-Match; not while the tab is hidden or the ticker is
//   paused. When the desk cannot be reached the last items stay.
// - A Flash is announced once, through the polite status region.
const PAUSED = "newsdesk:ticker-paused";
const ANNOUNCED = "newsdesk:ticker-flashes";

function stored(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (e.g. a partner's frame): the choice lasts for this page only.
  }
  return null;
}

function setPaused(ticker, paused) {
  ticker.classList.toggle("ticker--paused", paused);
  ticker.dataset.paused = String(paused);
  ticker.querySelector("[data-ticker-toggle-text]").textContent = paused ? "Play" : "Pause";
  stored(PAUSED, paused ? "1" : "0");
}

function itemNode(item, first) {
  const li = document.createElement("li");
  li.className = "ticker__item";
  if (!first) {
    const sep = document.createElement("span");
    sep.className = "ticker__sep";
    sep.setAttribute("aria-hidden", "true");
    sep.textContent = "•";
    li.append(sep, " ");
  }
  const link = document.createElement("a");
  link.href = item.url;
  if (item.label) {
    const label = document.createElement("span");
    label.className = `label label--${item.precedence}`;
    label.textContent = `${item.label}:`;
    link.append(label, " ");
  }
  link.append(item.headline);
  li.append(link);
  return li;
}

// What the reader sees, to tell whether an answer changes anything.
function signature(links) {
  return links.map((a) => `${a.href}|${a.textContent.replace(/\s+/g, " ").trim()}`).join("\n");
}

function layout(ticker, list) {
  for (const clone of list.querySelectorAll("[data-ticker-clone]")) clone.remove();
  const moving = list.children.length > 1;
  ticker.classList.toggle("ticker--moving", moving);
  if (!moving) return;
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
}

function announceFlashes(ticker, flashes) {
  const status = ticker.querySelector("[data-ticker-status]");
  let seen;
  try {
    seen = new Set(JSON.parse(stored(ANNOUNCED) || "[]"));
  } catch {
    seen = new Set();
  }
  const fresh = flashes.filter((flash) => !seen.has(flash.url));
  if (!status || !fresh.length) return;
  status.textContent = fresh.map((flash) => `Flash: ${flash.headline}`).join(". ");
  for (const flash of fresh) seen.add(flash.url);
  stored(ANNOUNCED, JSON.stringify([...seen].slice(-50)));
}

function render(ticker, list, items) {
  const links = [...list.querySelectorAll(":scope > li:not([data-ticker-clone]) > a")];
  const next = items.map((item, i) => itemNode(item, i === 0));
  const nextLinks = next.map((li) => li.querySelector("a"));
  if (items.length && signature(links) === signature(nextLinks)) return;
  if (!items.length) {
    const empty = document.createElement("li");
    empty.className = "ticker__item";
    empty.textContent = "No stories on the wire yet.";
    next.push(empty);
  }
  list.replaceChildren(...next);
  layout(ticker, list);
  announceFlashes(
    ticker,
    items.filter((item) => item.precedence === "flash"),
  );
}

function keepFresh(ticker, list) {
  const src = ticker.dataset.tickerSrc;
  const seconds = Number(ticker.dataset.tickerRefresh);
  if (!src || !(seconds > 0)) return;
  let etag = null;
  let busy = false;
  async function refresh() {
    // Paused or hidden: nothing moves and nothing new is inserted. Focus in
    // the list: wait, so a keyboard user does not lose their place.
    if (busy || document.hidden || ticker.dataset.paused === "true") return;
    if (list.contains(document.activeElement)) return;
    busy = true;
    try {
      const response = await fetch(src, {
        headers: etag ? { "If-None-Match": etag } : {},
        credentials: "omit",
      });
      if (response.status === 200) {
        const data = await response.json();
        etag = response.headers.get("ETag");
        if (ticker.dataset.paused !== "true") render(ticker, list, data.items);
      }
    } catch {
      // The desk is unreachable: the last items stay until the next tick.
    } finally {
      busy = false;
    }
  }
  setInterval(refresh, Math.min(seconds, 86400) * 1000);
  document.addEventListener("visibilitychange", () => document.hidden || refresh());
  ticker.addEventListener("ticker:play", refresh);
}

function start(ticker) {
  const list = ticker.querySelector("[data-ticker-items]");
  const toggle = ticker.querySelector("[data-ticker-toggle]");
  toggle.hidden = false;
  setPaused(ticker, stored(PAUSED) === "1");
  toggle.addEventListener("click", () => {
    const paused = ticker.dataset.paused !== "true";
    setPaused(ticker, paused);
    if (!paused) ticker.dispatchEvent(new Event("ticker:play"));
  });
  if (!list) return;
  layout(ticker, list);
  announceFlashes(
    ticker,
    [...list.querySelectorAll(":scope > li > a")]
      .filter((a) => a.querySelector(".label--flash"))
      .map((a) => ({ url: a.href, headline: a.lastChild.textContent.trim() })),
  );
  keepFresh(ticker, list);
}

for (const ticker of document.querySelectorAll("[data-ticker]")) start(ticker);
