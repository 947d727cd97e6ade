/* The report page: insert a figure field where the caret was in the section last edited, and
   mark the table cell whose records are listed. Our own code; nothing is fetched. */
(function () {
  "use strict";
  var last = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("#editor textarea")) { last = event.target; }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-field]");
    if (button) {
      event.preventDefault();
      var area = last || document.querySelector("#editor textarea");
      if (!area) { return; }
      var text = "{" + button.dataset.field + "}";
      area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
      area.focus();
      return;
    }
    var cell = event.target.closest("a.cell");
    if (cell) {
      document.querySelectorAll("table.official td.selected").forEach(function (td) {
        td.classList.remove("selected");
      });
      cell.parentElement.classList.add("selected");
    }
  });
})();
