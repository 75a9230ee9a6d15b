// Photo admin: clicking the preview sets the focal point fields (percent from left and top).
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector("[data-focal-picker]");
  const x = document.querySelector('[data-focal="x"]');
  const y = document.querySelector('[data-focal="y"]');
  if (!picker || !x || !y) return;
  const show = () => {
    picker.style.setProperty("--x", `${x.value}%`);
    picker.style.setProperty("--y", `${y.value}%`);
  };
  picker.addEventListener("click", (event) => {
    const box = picker.querySelector("img").getBoundingClientRect();
    x.value = Math.round(((event.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((event.clientY - box.top) / box.height) * 100);
    show();
  });
  x.addEventListener("input", show);
  y.addEventListener("input", show);
});
