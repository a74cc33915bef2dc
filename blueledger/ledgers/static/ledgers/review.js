// Clicking an item of the ledger scrolls the document to where it is written and flashes it there.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-jump]");
  if (!link) return;
  var mark = document.querySelector('mark[data-item~="' + link.getAttribute("data-jump") + '"]');
  if (!mark) return;
  event.preventDefault();
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  document.querySelectorAll("mark.flash").forEach(function (other) { other.classList.remove("flash"); });
  mark.classList.add("flash");
});
