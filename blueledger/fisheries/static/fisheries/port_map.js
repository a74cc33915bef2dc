// 在港休渔渔船船位图: one home port's vessels at the day's check (in port, at sea, offline at their last position)
// and the port's anchorage points, over the common layers.
(function () {
  "use strict";
  var element = document.getElementById("port-map");
  var source = document.getElementById("port-map-data");
  if (!element || !source || !window.L || !window.FisheriesMap) { return; }
  var data = JSON.parse(source.textContent);
  var colours = { in_port: "#27ae60", at_sea: "#c0392b", offline: "#7f8c8d" };
  var map = window.FisheriesMap.create(element);
  var drawn = [];
  data.anchorages.forEach(function (a) {
    drawn.push(L.circleMarker(a, { radius: 3, weight: 1, color: "#b7950b", fillColor: "#f1c40f", fillOpacity: 1,
      className: "home-anchorage" }).addTo(map));
  });
  data.vessels.forEach(function (v) {
    if (v.lat === null) { return; }
    var when = v.last ? new Date(v.last).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "—";
    var link = document.createElement("a");
    link.href = element.dataset.vesselUrl.replace("/0/", "/" + v.id + "/");
    link.textContent = v.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createTextNode(" " + v.label + " · " + when));
    drawn.push(L.circleMarker([v.lat, v.lon], { radius: 7, weight: 2, color: "#ffffff", fillOpacity: 1,
      fillColor: colours[v.status], className: "vessel-marker vessel-" + v.status }).bindPopup(popup).addTo(map));
  });
  var bounds = drawn.length ? L.featureGroup(drawn).getBounds() : null;
  if (bounds && bounds.isValid()) {
    map.fitBounds(bounds.pad(0.2), { maxZoom: 12 });
  } else if (data.centre) {
    map.setView(data.centre, 10);
  }
  window.FisheriesMap.addLayers(map, element, map.getBounds());
})();
