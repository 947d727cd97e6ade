/* The 通报 editor: as a paragraph is typed, the line under it shows the text with each {field}
   as a chip holding the figure the data give now (a field the data do not know, in red). The
   figures come from the page itself; nothing is fetched. Our own code. */
(function () {
  "use strict";
  var source = document.getElementById("figure-values");
  if (!source) { return; }
  var figures = JSON.parse(source.textContent);
  var FIELD = /\{([^{}\n]{1,40})\}/g;

  function show(input, line) {
    var text = input.value;
    line.textContent = "";
    var last = 0;
    text.replace(FIELD, function (match, name, offset) {
      line.appendChild(document.createTextNode(text.slice(last, offset)));
      var chip = document.createElement("span");
      chip.className = "chip" + (name in figures ? "" : " unknown");
      chip.dataset.field = name;
      chip.contentEditable = "false";
      chip.textContent = name in figures ? figures[name] : match;
      line.appendChild(chip);
      last = offset + match.length;
      return match;
    });
    line.appendChild(document.createTextNode(text.slice(last)));
  }

  document.querySelectorAll("#notice-form [data-shown]").forEach(function (line) {
    var input = document.getElementById(line.dataset.shown);
    if (!input) { return; }
    var update = function () { show(input, line); };
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });
  // a field inserted by the buttons beside the editor (reports.js) fires no input event
  document.addEventListener("click", function (event) {
    if (event.target.closest("button[data-field]")) {
      window.setTimeout(function () {
        document.querySelectorAll("#notice-form [data-shown]").forEach(function (line) {
          var input = document.getElementById(line.dataset.shown);
          if (input) { show(input, line); }
        });
      }, 0);
    }
  });
})();
