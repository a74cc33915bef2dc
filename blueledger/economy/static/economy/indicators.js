// The ocean-economy indicator charts; their data comes from the page's json_script "chart-data".
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var series = echarts.init(document.getElementById("chart-series"));
  series.setOption({
    tooltip: {trigger: "axis"}, legend: {type: "scroll"}, grid: {left: 60, right: 30, bottom: 40},
    xAxis: {type: "category", data: data.years}, yAxis: {type: "value", name: data.unit},
    series: data.series.map(function (s) { return {name: s.name, type: "line", connectNulls: false, data: s.data}; })
  });
  var industry = echarts.init(document.getElementById("chart-industry"));
  industry.setOption({
    tooltip: {trigger: "axis"}, grid: {left: 60, right: 30, bottom: 80},
    xAxis: {type: "category", data: data.industries, axisLabel: {rotate: 30}}, yAxis: {type: "value", name: "亿元"},
    series: [{type: "bar", name: "增加值", data: data.industry_values}]
  });
  window.addEventListener("resize", function () { series.resize(); industry.resize(); });
  document.body.dataset.chartsReady = "1";
});
