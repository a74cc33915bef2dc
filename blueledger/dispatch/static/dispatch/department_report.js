// The department report form: names the evidence files chosen for each item beside its buttons.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".evidence-inputs input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      const box = input.closest(".evidence-inputs");
      const names = Array.from(box.querySelectorAll("input[type=file]")).flatMap(i => Array.from(i.files).map(f => f.name));
      box.querySelector(".chosen").textContent = names.length ? "已选择: " + names.join("、") : "";
    });
  });
});
