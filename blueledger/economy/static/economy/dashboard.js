// 海洋经济运行看板: draws the charts from the page's json_script data. A missing figure is null in the data and
// is written as 暂无数据 (or 未报送), never drawn as 0. Numbers shown as text come formatted from the server.
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var charts = [];
    function chart(id) {
      var element = document.getElementById(id);
      if (!element) { return null; }
      var instance = echarts.init(element, null, {renderer: "svg"});
      charts.push(instance);
      return instance;
    }
    var regions = chart("chart-regions");
    if (regions) {
      regions.setOption({
        tooltip: {trigger: "axis", formatter: function (items) {
          var i = items[0].dataIndex;
          return data.regions[i] + "<br>海洋生产总值 " + data.gdp_text[i] + "<br>占比 " + data.share_text[i];
        }},
        grid: {left: 70, right: 30, bottom: 60},
        xAxis: {type: "category", data: data.regions, axisLabel: {interval: 0, formatter: function (name, i) {
          return data.gdp[i] === null ? name + "\n{gap|" + data.no_data + "}" : name;
        }, rich: {gap: {color: "#8a8f96"}}}},
        yAxis: {type: "value", name: "亿元"},
        series: [{type: "bar", name: "海洋生产总值", data: data.gdp,
                  label: {show: true, position: "top", formatter: function (p) { return data.gdp_text[p.dataIndex]; }}}]
      });
    }
    var industries = chart("chart-industries");
    if (industries) {
      var values = data.cells.map(function (c) { return c[2]; });
      industries.setOption({
        tooltip: {formatter: function (p) {
          var cell = p.data;
          return data.regions[cell[1]] + " · " + data.industries[cell[0]] + "<br>" + (p.seriesIndex === 0 ? cell[3] : cell[2]);
        }},
        grid: {left: 90, right: 30, bottom: 110},
        xAxis: {type: "category", data: data.industries, axisLabel: {interval: 0, rotate: 35}},
        yAxis: {type: "category", data: data.regions},
        visualMap: {min: 0, max: values.length ? Math.max.apply(null, values) : 1, calculable: true,
                    orient: "horizontal", left: "center", bottom: 0, show: values.length > 0, dimension: 2, seriesIndex: 0},
        series: [
          {type: "heatmap", name: "增加值", data: data.cells,
           label: {show: true, formatter: function (p) { return p.data[3]; }}},
          {type: "scatter", name: data.no_data, data: data.gaps, symbolSize: 0, silent: false,
           label: {show: true, color: "#8a8f96", formatter: function (p) { return p.data[2]; }}}
        ]
      });
    }
    var rounds = chart("chart-rounds");
    if (rounds) {
      rounds.setOption({
        tooltip: {trigger: "axis"}, legend: {}, grid: {left: 220, right: 30},
        xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: data.rounds},
        series: [
          {type: "bar", stack: "all", name: "已报送", data: data.submitted},
          {type: "bar", stack: "all", name: "已退回", data: data.returned},
          {type: "bar", stack: "all", name: "未报送", data: data.missing, itemStyle: {color: "#c0392b"}}
        ]
      });
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.dataset.chartsReady = "1";
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
