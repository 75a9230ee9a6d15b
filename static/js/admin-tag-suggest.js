// Tag autocomplete for the story form: suggests existing tags for the word
// being typed (after the last comma) through a <datalist>.
(() => {
  const input = document.querySelector("[data-tag-suggest]");
  if (!input) return;
  const url = new URL(input.dataset.tagSuggest, window.location.href);
  const list = document.createElement("datalist");
  list.id = "tag-suggestions";
  input.after(list);
  input.setAttribute("list", list.id);
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const parts = input.value.split(",");
      const term = parts.pop().trim();
      if (!term) return;
      url.searchParams.set("q", term);
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const { tags } = await response.json();
      const prefix = parts.length ? `${parts.join(",")}, ` : "";
      list.replaceChildren(...tags.map((name) => Object.assign(document.createElement("option"), { value: prefix + name })));
    }, 150);
  });
})();
