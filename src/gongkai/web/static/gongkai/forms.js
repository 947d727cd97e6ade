/* How htmx answers are shown. htmx leaves 4xx and 5xx answers out by default, so a refused
   form would look as if nothing happened. Every refusal of ours is a 4xx whose body says why
   (422: the form again with its errors; 403/404/409: the reason): swap it into the target like
   any answer. A 5xx or a lost connection has no such body: say so in the target.
   Our own code; nothing is fetched. */
(function () {
  "use strict";
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "4..", swap: true, error: false },
    { code: "5..", swap: false, error: true },
    { code: "...", swap: false }
  ];

  function say(event, text) {
    var target = event.detail.target || event.target;
    if (!target) { return; }
    var box = document.createElement("ul");
    box.className = "errorlist htmx-failure";
    var item = document.createElement("li");
    item.textContent = text;
    box.appendChild(item);
    var old = target.querySelector(":scope > .htmx-failure");
    if (old) { old.remove(); }
    target.prepend(box);
  }

  document.addEventListener("htmx:responseError", function (event) {
    say(event, "服务器未能完成此操作（HTTP " + event.detail.xhr.status + "），请稍后重试或联系系统管理员。");
  });
  document.addEventListener("htmx:sendError", function (event) {
    say(event, "无法连接服务器，操作未完成，请检查网络后重试。");
  });
  // a refused form comes back with its errors: bring the first one into view
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status >= 400) {
      var first = event.detail.target.querySelector(".errorlist");
      if (first) { first.scrollIntoView({ block: "nearest" }); }
    }
  });
})();
