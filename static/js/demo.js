// /ticker/demo/: the "Copy the snippet" button. Without it, the snippet's
// text box can still be selected and copied by hand.
const button = document.querySelector("[data-copy-snippet]");
const snippet = document.querySelector("[data-snippet]");
const status = document.querySelector("[data-copy-status]");
if (button && snippet && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(snippet.value);
      status.textContent = "Copied.";
    } catch {
      snippet.select();
      status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
    }
  });
}
