// The composite index chart; its data comes from the page's json_script "chart-data".
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var element = document.getElementById("chart-index");
  if (!element) { return; }
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var chart = echarts.init(element);
  chart.setOption({tooltip: {trigger: "axis"}, grid: {left: 50, right: 30, bottom: 40},
    xAxis: {type: "category", data: data.years}, yAxis: {type: "value", scale: true},
    series: [{type: "line", name: "综合指数", data: data.values, markLine: {symbol: "none", data: [{yAxis: 100}]}}]});
  window.addEventListener("resize", function () { chart.resize(); });
  document.body.dataset.chartsReady = "1";
});
