// Filters of the findings by severity and area. The page reads in full without this script:
// the filters stay hidden and every finding is shown; the script only hides what is unticked.
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group")).reverse(); // lessons first
  var shown = form.querySelector(".shown");

  function ticked(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      if (box.checked) { values[box.value] = true; }
    });
    return values;
  }

  function apply() {
    var severities = ticked("severity"), areas = ticked("area"), count = 0;
    findings.forEach(function (item) {
      var visible = severities[item.dataset.severity] === true && areas[item.dataset.area] === true;
      item.hidden = !visible;
      if (visible) { count += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector(".finding:not([hidden])") === null;
    });
    if (shown) {
      shown.textContent = shown.dataset.shownTemplate.replace("{shown}", count).replace("{total}", findings.length);
    }
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  apply();
}());
