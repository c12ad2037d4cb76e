// Bring the statement the reader came for into view and give it focus, so keyboard users start there.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("mark");
  if (target) { target.scrollIntoView({block: "center"}); target.focus({preventScroll: true}); }
});
