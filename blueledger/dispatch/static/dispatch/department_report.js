// The department report form: names the evidence files chosen for each item beside its buttons, also those
// chosen before this (deferred) script ran, on a slow connection.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  function name(box) {
    const names = Array.from(box.querySelectorAll("input[type=file]")).flatMap(i => Array.from(i.files).map(f => f.name));
    box.querySelector(".chosen").textContent = names.length ? "已选择: " + names.join("、") : "";
  }
  document.querySelectorAll(".evidence-inputs").forEach(function (box) {
    box.querySelectorAll("input[type=file]").forEach(function (input) {
      input.addEventListener("change", function () { name(box); });
    });
    name(box);
  });
});
