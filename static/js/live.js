// Developing stories on open pages (docs/readers.md, "Developing stories").
// Loaded with `defer` by includes/developing.html (article pages) and
// includes/flash_slot.html (the home page); no globals, no framework.
// - An article page asks data-live-src (/live/story/<id>.json) every
//   data-live-refresh seconds whether a newer version moved. If one did, a
//   polite status line says "Updated 14:32 — what changed" with a button that
//   swaps in the new text and timeline without a reload (the page's own URL,
//   fetched again), then moves focus to the new text. A withdrawn story says so
//   and hides its text.
// - The home page asks /live/home.json the same way and puts a new Flash or
//   Urgent in its banner slot, announced politely once (shared with ticker.js).
// Both send If-None-Match (a 304 costs the server nothing), skip the browser's
// cache, stop while the tab is hidden and back off when the desk cannot be
// reached. Under prefers-reduced-motion nothing moves (live.css).
(() => {
  const root = document.documentElement;
  if (root.dataset.liveStarted) return; // the script tag may appear twice
  root.dataset.liveStarted = "1";

  const ANNOUNCED = "newsdesk:ticker-flashes"; // ticker.js keeps the same list
  const MAX_BACKOFF = 32; // times the refresh interval, at most

  // Ask `src` every `seconds`; `onData` gets each new answer, `onGone` a 410's.
  function poll(src, seconds, onData, onGone) {
    const interval = Math.min(Math.max(seconds, 1), 86400) * 1000;
    let etag = null;
    let failures = 0;
    let timer = null;
    let busy = false;
    let stopped = false;

    function schedule() {
      if (stopped || document.hidden || timer !== null) return;
      timer = setTimeout(tick, interval * Math.min(2 ** failures, MAX_BACKOFF));
    }

    async function tick() {
      timer = null;
      if (stopped || busy || document.hidden) return;
      busy = true;
      try {
        const response = await fetch(src, {
          headers: etag ? { "If-None-Match": etag } : {},
          cache: "no-store", // our own If-None-Match, never a browser's stale copy
        });
        if (response.status === 200) {
          etag = response.headers.get("ETag");
          failures = 0;
          onData(await response.json());
        } else if (response.status === 304) {
          failures = 0;
        } else if (response.status === 410 && onGone) {
          stopped = true;
          onGone(await response.json());
        } else {
          failures += 1;
        }
      } catch {
        failures += 1; // the desk is unreachable: ask again, less often
      } finally {
        busy = false;
        schedule();
      }
    }

    document.addEventListener("visibilitychange", () => {
      if (document.hidden) {
        clearTimeout(timer);
        timer = null;
      } else if (timer === null && !busy) {
        tick();
      }
    });
    schedule();
  }

  function arrived(element) {
    element.classList.remove("live-arrived");
    void element.offsetWidth; // restart the (motion-safe) animation
    element.classList.add("live-arrived");
  }

  function timeElement(iso, text) {
    const time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = text;
    return time;
  }

  // Article pages -------------------------------------------------------------

  function startStory(box) {
    const message = box.querySelector("[data-live-message]");
    const button = box.querySelector("[data-live-show]");
    const notice = box.querySelector("[data-live-notice]");
    let pending = null;

    function say(...parts) {
      message.replaceChildren(...parts);
      arrived(notice);
    }

    function shownVersion() {
      return Number(box.dataset.liveVersion) || 0;
    }

    async function fetchPage(data, attempt = 0) {
      const url = new URL(new URL(data.url).pathname, window.location.origin);
      const response = await fetch(url, { cache: "no-cache" });
      if (!response.ok) throw new Error(`the story answered ${response.status}`);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-developing]");
      // A shared cache may still hold the old page for a moment: ask again.
      if ((!fresh || Number(fresh.dataset.liveVersion) < data.version) && attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
        return fetchPage(data, attempt + 1);
      }
      return page;
    }

    function swap(page, selector) {
      const old = document.querySelector(selector);
      const fresh = page.querySelector(selector);
      if (old && fresh) old.replaceWith(document.importNode(fresh, true));
      return old && fresh ? document.querySelector(selector) : old;
    }

    async function showNew() {
      const data = pending;
      button.disabled = true;
      try {
        const page = await fetchPage(data);
        const headline = document.querySelector("article h1");
        const freshHeadline = page.querySelector("article h1");
        if (headline && freshHeadline) headline.replaceChildren(...[...freshHeadline.childNodes].map((n) => document.importNode(n, true)));
        for (const selector of ["[data-updated]", "[data-update-note]", "[data-corrections]"]) swap(page, selector);
        const body = swap(page, "[data-story-body]");
        const timeline = page.querySelector("[data-developing-timeline]");
        box.querySelector("[data-developing-timeline]")?.remove();
        if (timeline) box.append(document.importNode(timeline, true));
        const freshBox = page.querySelector("[data-developing]");
        box.dataset.liveVersion = freshBox ? freshBox.dataset.liveVersion : String(data.version);
        if (page.title) document.title = page.title;
        pending = null;
        button.hidden = true;
        message.replaceChildren();
        // The button is gone: focus goes to the new text, which a screen reader reads next.
        const target = body || document.querySelector("article h1");
        if (target) {
          target.setAttribute("tabindex", "-1");
          target.focus();
        }
      } catch {
        say("The new text could not be loaded. Reload the page to see it.");
      } finally {
        button.disabled = false;
      }
    }

    button.addEventListener("click", showNew);

    poll(
      box.dataset.liveSrc,
      Number(box.dataset.liveRefresh) || 60,
      (data) => {
        if (data.version <= shownVersion() || (pending && data.version <= pending.version)) return;
        pending = data;
        const parts = ["Updated ", timeElement(data.updated, data.updated_time)];
        if (data.note) parts.push(` — ${data.note}`);
        say(...parts);
        button.hidden = false;
      },
      (data) => {
        pending = null;
        button.hidden = true;
        box.classList.add("live-withdrawn");
        const body = document.querySelector("[data-story-body]");
        if (body) body.hidden = true;
        say(`This story has been withdrawn. ${data.notice}`);
      },
    );
  }

  // The home page -------------------------------------------------------------

  function announcedBefore(url) {
    let seen = [];
    try {
      seen = JSON.parse(localStorage.getItem(ANNOUNCED) || "[]");
    } catch {
      // Storage refused or unreadable: announce it.
    }
    if (seen.includes(url)) return true;
    try {
      localStorage.setItem(ANNOUNCED, JSON.stringify([...seen, url].slice(-50)));
    } catch {
      // Storage refused: it may be announced again on another page.
    }
    return false;
  }

  function startHome(slot) {
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.dataset.liveFlashStatus = "";
    slot.after(status);

    poll(
      slot.dataset.liveSrc || "/live/home.json",
      Number(slot.dataset.liveRefresh) || 60,
      (data) => {
        const flash = data.flash;
        const shown = slot.querySelector("[data-flash]");
        if (!flash) {
          slot.replaceChildren(); // an hour old, or withdrawn: the banner goes quietly
          return;
        }
        const text = `${flash.label}: ${flash.headline}`;
        const same = shown && shown.dataset.flash === String(flash.id);
        if (same && shown.querySelector("a")?.textContent.replace(/\s+/g, " ").trim() === text) return;
        slot.innerHTML = flash.html; // our own template, escaped as it was rendered
        const banner = slot.querySelector("[data-flash]");
        if (banner && !same) arrived(banner);
        if (!same && !announcedBefore(flash.url)) status.textContent = text;
      },
    );
  }

  for (const box of document.querySelectorAll("[data-developing][data-live-src]")) startStory(box);
  for (const slot of document.querySelectorAll("[data-live-flash]")) startHome(slot);
})();
