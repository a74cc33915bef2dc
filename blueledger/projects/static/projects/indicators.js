// The key-project indicator charts; their data comes from the page's json_script "chart-data".
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var district = echarts.init(document.getElementById("chart-district"));
  district.setOption({
    tooltip: {trigger: "axis"}, legend: {data: ["年度计划投资", "累计完成投资", "完成率 %"]},
    grid: {left: 50, right: 50, bottom: 60},
    xAxis: {type: "category", data: data.districts, axisLabel: {rotate: 30}},
    yAxis: [{type: "value", name: "亿元"}, {type: "value", name: "%", max: 120}],
    series: [
      {name: "年度计划投资", type: "bar", data: data.district_plan},
      {name: "累计完成投资", type: "bar", data: data.district_completed},
      {name: "完成率 %", type: "line", yAxisIndex: 1, data: data.district_rate,
       markLine: {symbol: "none", data: [{yAxis: data.schedule, name: "序时进度"}], label: {formatter: "序时进度 {c}%"}}}
    ]
  });
  district.on("click", function (params) { window.location = data.district_urls[params.dataIndex]; });
  var track = echarts.init(document.getElementById("chart-track"));
  track.setOption({
    // A formatter's string is HTML: track names are user text, so they are escaped here.
    tooltip: {trigger: "item", formatter: function (p) { return echarts.format.encodeHTML(p.name) + ": " + p.value + " 亿元 (" + data.track_projects[p.dataIndex] + " 个)"; }},
    series: [{type: "pie", radius: ["35%", "65%"], data: data.tracks.map(function (name, i) { return {name: name, value: data.track_total[i]}; })}]
  });
  track.on("click", function (params) { window.location = data.track_urls[params.dataIndex]; });
  window.addEventListener("resize", function () { district.resize(); track.resize(); });
  document.body.dataset.chartsReady = "1";
});
