// The round dashboard's charts; their data comes from the page's json_script "chart-data", the task-history
// link pattern from #chart-tasks's data-task-url. The projects part arrives later by htmx: its chart is drawn
// when that part is swapped in (scripts inside swapped HTML would be inline code, which the CSP forbids).
(function () {
  "use strict";
  const EMPTY = {graphic: {type: "text", left: "center", top: "middle", style: {text: "暂无数据", fontSize: 16, fill: "#888"}}};

  function dashboard() {
    const data = JSON.parse(document.getElementById("chart-data").textContent);
    const taskUrl = document.getElementById("chart-tasks").dataset.taskUrl;
    function bars(id, items, onClick) {
      const chart = echarts.init(document.getElementById(id), null, {renderer: "svg"});  // svg: its words are text a test can read
      if (!items.some(i => i.value !== null)) { chart.setOption(EMPTY); return chart; }
      chart.setOption({
        animation: false, grid: {left: 40, right: 10, bottom: 80, top: 20}, tooltip: {},
        xAxis: {type: "category", data: items.map(i => i.name), axisLabel: {rotate: 35, fontSize: 10, formatter: v => v.length > 8 ? v.slice(0, 8) + "…" : v}},
        yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
        // An unreported bar is not a 0: no bar, the words 未报送 in its place.
        series: [{type: "bar", label: {show: true, position: "top", fontSize: 10, formatter: "{c}%"},
          data: items.map(i => i.value === null
            ? {value: 0, itemStyle: {color: "transparent"}, tooltip: {formatter: i.name + ": 未报送"},
               label: {show: true, position: "insideBottom", distance: 2, formatter: "未报送", color: "#888"}}
            : {value: i.value, itemStyle: {color: i.value < data.elapsed ? "#c0392b" : "#1f5fa8"}}),
          markLine: {silent: true, symbol: "none", data: [{yAxis: data.elapsed, name: "序时进度"}], label: {position: "insideEndTop", formatter: "序时进度 {c}%"}}}]
      });
      if (onClick) chart.on("click", onClick);
      return chart;
    }
    function showTasks(section) {
      document.getElementById("task-chart-title").textContent = section + " — 任务完成率 (点击查看报送历史)";
      const items = data.sectionTasks[section] || [];
      const chart = echarts.getInstanceByDom(document.getElementById("chart-tasks")) || null;
      if (chart) chart.dispose();
      bars("chart-tasks", items, p => { window.location = taskUrl.replace("/0/", "/" + items[p.dataIndex].id + "/"); });
    }
    bars("chart-sections", data.sections, p => showTasks(data.sections[p.dataIndex].name));
    const firstReported = data.sections.find(s => s.value !== null) || data.sections[0];
    if (firstReported) showTasks(firstReported.name);
    bars("chart-departments", data.departments);
    const trend = echarts.init(document.getElementById("chart-trend"), null, {renderer: "svg"});
    if (!data.trend.completion.some(v => v !== null)) trend.setOption(EMPTY); else trend.setOption({
      animation: false, grid: {left: 40, right: 10, bottom: 50, top: 30}, tooltip: {trigger: "axis"}, legend: {data: ["平均完成率", "序时进度"]},
      xAxis: {type: "category", data: data.trend.labels, axisLabel: {rotate: 30, fontSize: 10}},
      yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
      series: [{name: "平均完成率", type: "line", data: data.trend.completion}, {name: "序时进度", type: "line", lineStyle: {type: "dashed"}, data: data.trend.elapsed}]
    });
  }

  function projectsPart() {
    const element = document.getElementById("chart-projects");
    const source = document.getElementById("projects-chart-data");
    if (!element || !source || echarts.getInstanceByDom(element)) return;
    const data = JSON.parse(source.textContent);
    const chart = echarts.init(element);
    chart.setOption({
      animation: false, grid: {left: 40, right: 10, bottom: 80, top: 20}, tooltip: {},
      xAxis: {type: "category", data: data.districts.map(d => d.name), axisLabel: {rotate: 35, fontSize: 10}},
      yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
      series: [{type: "bar", data: data.districts.map(d => ({value: d.value, itemStyle: {color: d.value !== null && d.value < data.schedule ? "#c0392b" : "#1f5fa8"}})),
        markLine: {silent: true, symbol: "none", data: [{yAxis: data.schedule}], label: {position: "insideEndTop", formatter: "序时进度 {c}%"}}}]
    });
  }

  document.addEventListener("DOMContentLoaded", function () { dashboard(); projectsPart(); });
  document.addEventListener("htmx:load", projectsPart);
})();
