// The pipeline's funnel chart; its data comes from the page's json_script "funnel-data".
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var element = document.getElementById("chart-funnel");
  if (!element) { return; }
  var data = JSON.parse(document.getElementById("funnel-data").textContent);
  var chart = echarts.init(element);
  chart.setOption({tooltip: {trigger: "item"}, series: [{type: "funnel", sort: "none", data: data.labels.map(function (l, i) { return {name: l, value: data.values[i]}; })}]});
  window.addEventListener("resize", function () { chart.resize(); });
  document.body.dataset.chartsReady = "1";
});
