// The vessel track map: the track over the common layers, its port visits and alerts, and a replay (slider and
// play button) moving a marker along the positions.
(function () {
  "use strict";
  var element = document.getElementById("track-map");
  if (!element || !window.L || !window.FisheriesMap) { return; }
  var map = window.FisheriesMap.create(element);
  var list = document.getElementById("track-events");
  function beijing(iso) {
    return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });
  }
  function listed(iso, text) {
    var item = document.createElement("li");
    item.textContent = beijing(iso) + " " + text;
    list.appendChild(item);
  }
  fetch(element.dataset.track).then(function (r) { return r.json(); }).then(function (data) {
    var points = data.positions.map(function (p) { return [p[1], p[2]]; });
    var label = document.getElementById("replay-time");
    if (!points.length) {
      label.textContent = "没有船位";
      window.FisheriesMap.addLayers(map, element, map.getBounds());
      return;
    }
    var line = L.polyline(points, { color: "#1d5fa8", weight: 2, className: "track-line" }).addTo(map);
    map.fitBounds(line.getBounds(), { padding: [20, 20] });
    window.FisheriesMap.addLayers(map, element, line.getBounds());
    var marker = L.circleMarker(points[0], { radius: 6, color: "#c0392b", fillOpacity: 1,
      className: "replay-marker" }).addTo(map);
    data.visits.forEach(function (v) {
      var text = "进港停泊 " + (v.port || "") + " 至 " + beijing(v.end);
      L.circleMarker([v.lat, v.lon], { radius: 8, color: "#27ae60", weight: 2, className: "visit-marker" })
        .addTo(map).bindPopup(text);
      listed(v.start, text);
    });
    data.alerts.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], { radius: 8, color: "#e67e22", weight: 2, className: "alert-marker" })
        .addTo(map).bindPopup(a.kind + " · " + a.rule);
      listed(a.start, a.kind + " (" + a.rule + ") " + a.status);
    });
    var slider = document.getElementById("replay");
    var button = document.getElementById("replay-play");
    var timer = null;
    slider.max = String(points.length - 1);
    function show(i) {
      var p = data.positions[i];
      marker.setLatLng([p[1], p[2]]);
      label.textContent = beijing(p[0]) + " · " + (p[3] === null ? "—" : p[3] + " 节");
    }
    function stop() {
      window.clearInterval(timer);
      timer = null;
      button.textContent = "播放";
    }
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    button.addEventListener("click", function () {
      if (timer !== null) { stop(); return; }
      if (Number(slider.value) >= points.length - 1) { slider.value = "0"; }
      button.textContent = "暂停";
      var step = Math.max(1, Math.round(points.length / 300));
      timer = window.setInterval(function () {
        var next = Math.min(points.length - 1, Number(slider.value) + step);
        slider.value = String(next);
        show(next);
        if (next >= points.length - 1) { stop(); }
      }, 50);
    });
    show(0);
  });
})();
