// The vessel track map: Natural Earth land as the only background (offline), the track, its alerts, a replay slider.
(function () {
  "use strict";
  var element = document.getElementById("track-map");
  if (!element || !window.L) { return; }
  var map = L.map(element, { attributionControl: true }).setView([36.5, 122.0], 7);
  map.attributionControl.addAttribution("Natural Earth");
  fetch(element.dataset.land).then(function (r) { return r.json(); }).then(function (land) {
    L.geoJSON(land, { style: { color: "#8a8f96", weight: 1, fillColor: "#eceae4", fillOpacity: 1 } }).addTo(map);
  });
  fetch(element.dataset.track).then(function (r) { return r.json(); }).then(function (data) {
    var points = data.positions.map(function (p) { return [p[1], p[2]]; });
    if (!points.length) { document.getElementById("replay-time").textContent = "没有船位"; return; }
    var line = L.polyline(points, { color: "#1d5fa8", weight: 2 }).addTo(map);
    map.fitBounds(line.getBounds(), { padding: [20, 20] });
    var marker = L.circleMarker(points[0], { radius: 6, color: "#c0392b", fillOpacity: 1 }).addTo(map);
    var list = document.getElementById("track-alerts");
    data.alerts.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], { radius: 8, color: "#e67e22" }).addTo(map).bindPopup(a.kind + " · " + a.rule);
      var item = document.createElement("li");
      item.textContent = a.start.slice(0, 16).replace("T", " ") + " " + a.kind + " (" + a.rule + ") " + a.status;
      list.appendChild(item);
    });
    var slider = document.getElementById("replay");
    var label = document.getElementById("replay-time");
    slider.max = String(points.length - 1);
    function show(i) {
      var p = data.positions[i];
      marker.setLatLng([p[1], p[2]]);
      label.textContent = new Date(p[0]).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) + " · " +
        (p[3] === null ? "—" : p[3] + " 节");
    }
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(0);
  });
})();
