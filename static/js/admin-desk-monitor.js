// The desk page (/admin/desk/) keeps itself up to date without a reload: every
// few seconds it asks the queues' JSON view, sending the last ETag; a 304 costs
// nothing, a 200 brings each column's items rendered by the server. Ages
// ("12 minutes ago") tick on in between. Paused while the tab is hidden.
const monitor = document.querySelector("[data-desk-monitor]");

function age(from, now) {
  const minutes = Math.max(0, Math.floor((now - Number(from) * 1000) / 60000));  // from: Unix seconds
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 1 ? "1 hour" : `${hours} hours`;
  return rest ? `${h}, ${rest} min` : h;
}

function tickAges() {
  const now = Date.now();
  for (const span of monitor.querySelectorAll("[data-age-from]")) {
    span.textContent = age(span.dataset.ageFrom, now);
  }
}

function show(data) {
  for (const [key, html] of Object.entries(data.columns)) {
    const column = monitor.querySelector(`[data-column="${key}"]`);
    if (!column) continue;
    const list = column.querySelector("[data-items]");
    // The server rendered and escaped these items (templates/admin/desk/column_items.html).
    const fresh = document.createRange().createContextualFragment(html);
    list.replaceChildren(fresh);
    column.querySelector("[data-count]").textContent = String(data.counts[key]);
  }
  const stamp = document.querySelector("[data-desk-updated]");
  if (stamp) {
    const at = new Date(data.at);
    stamp.textContent = `Updated ${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}.`;
  }
  tickAges();
}

if (monitor) {
  const url = monitor.dataset.jsonUrl;
  const every = Math.max(1, Number(monitor.dataset.pollSeconds) || 15) * 1000;
  let etag = monitor.dataset.etag || null;
  let busy = false;

  async function poll() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const headers = { Accept: "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(url, { headers, credentials: "same-origin", cache: "no-store" });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        show(await response.json());
      } else {
        tickAges();
      }
    } catch {
      // Offline for a moment: the next poll tries again.
    } finally {
      busy = false;
    }
  }

  setInterval(poll, every);
  document.addEventListener("visibilitychange", () => document.hidden || poll());
  tickAges();
}
