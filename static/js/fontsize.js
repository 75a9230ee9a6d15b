// "Adjust font size": steps up to 200%, kept in localStorage across pages.
// The choice is applied before first paint by an inline script in base.html.
const STEPS = ["100", "125", "150", "200"];
const KEY = "newsdesk:font-size";
const root = document.documentElement;

function current() {
  return STEPS.includes(root.dataset.fontSize) ? root.dataset.fontSize : "100";
}

function apply(step, group) {
  if (step === "100") delete root.dataset.fontSize;
  else root.dataset.fontSize = step;
  try {
    if (step === "100") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, step);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  render(group);
}

function render(group) {
  const step = current();
  group.querySelector("[data-font-current]").textContent = `${step}%`;
  const index = STEPS.indexOf(step);
  group.querySelector('[data-font-step="down"]').setAttribute("aria-disabled", String(index === 0));
  group.querySelector('[data-font-step="up"]').setAttribute("aria-disabled", String(index === STEPS.length - 1));
  group.querySelector('[data-font-step="reset"]').setAttribute("aria-pressed", String(step === "100"));
}

for (const group of document.querySelectorAll("[data-fontsize]")) {
  render(group);
  group.addEventListener("click", (event) => {
    const button = event.target.closest("[data-font-step]");
    if (!button) return;
    const index = STEPS.indexOf(current());
    const moves = { down: Math.max(index - 1, 0), up: Math.min(index + 1, STEPS.length - 1), reset: 0 };
    apply(STEPS[moves[button.dataset.fontStep]], group);
  });
}
