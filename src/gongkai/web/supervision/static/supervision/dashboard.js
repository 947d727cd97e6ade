// The supervision dashboard: draws each chart from the JSON beside it (id "data-<key>") with
// the vendored ECharts; a click on a bar, point or slice opens the units behind that figure.
// The same figures, with the same links, are in the table under each chart.
(function () {
  "use strict";
  var COLOURS = ["#3b6ea5", "#c8553d", "#5b8c51", "#8e6c8a", "#d4a017", "#4f9da6"];
  var charts = {};
  window.gongkaiCharts = charts;

  function option(data) {
    var base = { color: COLOURS, animation: false, tooltip: { trigger: "item" } };
    if (data.kind === "pie") {
      var s = data.series[0];
      base.legend = { bottom: 0, type: "scroll" };
      base.series = [{
        type: "pie", name: s.name, radius: ["30%", "62%"], top: 0, bottom: 30,
        label: { formatter: "{b}\n{c}" },
        data: data.categories.map(function (c, i) {
          return { name: c, value: s.values[i] === null ? "-" : s.values[i] };
        })
      }];
      return base;
    }
    base.grid = { left: 50, right: 16, top: 36, bottom: 60, containLabel: false };
    base.legend = { top: 0 };
    base.xAxis = { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } };
    base.yAxis = { type: "value", minInterval: 1 };
    base.series = data.series.map(function (s) {
      return {
        type: data.kind, name: s.name, connectNulls: false, symbolSize: 9,
        label: { show: true, position: "top" },
        data: s.values.map(function (v) { return v === null ? "-" : v; })
      };
    });
    return base;
  }

  function draw(element) {
    var key = element.getAttribute("data-chart");
    var source = document.getElementById("data-" + key);
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(data));
    chart.on("click", function (params) {
      var series = data.series[params.seriesIndex] || data.series[0];
      var link = series && series.links[params.dataIndex];
      if (link) { window.location.href = link; }
    });
    charts[key] = chart;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
    window.addEventListener("resize", function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
  });
})();
