// The offline map of 渔船监管: Natural Earth land as the only background, then the layers the server gives for
// the view (map_layers): ports, GFW anchorages, the moratorium's closure lines and the bureau's waters.
window.FisheriesMap = (function () {
  "use strict";

  function create(element) {
    var map = L.map(element).setView([36.5, 122.0], 7);
    map.attributionControl.addAttribution("Natural Earth");
    fetch(element.dataset.land).then(function (r) { return r.json(); }).then(function (land) {
      var layer = L.geoJSON(land, {
        interactive: false,
        style: { color: "#8a8f96", weight: 1, fillColor: "#eceae4", fillOpacity: 1 }
      }).addTo(map);
      layer.bringToBack();
    });
    return map;
  }

  function closureText(line) {
    return line.name + ": " + line.rules.map(function (rule) {
      return rule.side + " · " + rule.label;
    }).join("；");
  }

  // Draws the layers for `bounds` (padded by half its size and at least half a degree) with a control to switch
  // each on and off; resolves to the layers.
  function addLayers(map, element, bounds) {
    var padded = bounds.pad(0.5);
    var box = L.latLngBounds([padded.getSouth() - 0.5, padded.getWest() - 0.5],
      [padded.getNorth() + 0.5, padded.getEast() + 0.5]);
    var query = "?bbox=" + [box.getSouth(), box.getWest(), box.getNorth(), box.getEast()]
      .map(function (v) { return v.toFixed(4); }).join(",");
    return fetch(element.dataset.layers + query).then(function (r) { return r.json(); }).then(function (data) {
      var canvas = L.canvas({ padding: 0.2 });
      var anchorages = L.layerGroup(data.anchorages.map(function (a) {
        return L.circleMarker([a[0], a[1]], { renderer: canvas, radius: 2, weight: 1, color: "#b7950b",
          fillColor: "#f1c40f", fillOpacity: 0.8 }).bindTooltip(a[2]);
      }));
      var ports = L.layerGroup(data.ports.map(function (p) {
        return L.circleMarker([p.lat, p.lon], { radius: 6, weight: 2, color: "#2c3e50", fillColor: "#ffffff",
          fillOpacity: 1, className: "port-marker" }).bindTooltip(p.name + " (" + p.points + " 个锚地点)");
      }));
      var closures = L.layerGroup(data.closures.map(function (line) {
        return L.polyline([[line.lat, line.lon_min], [line.lat, line.lon_max]], { color: "#c0392b", weight: 2,
          dashArray: "8 6", className: "closure-line" }).bindTooltip(closureText(line), { sticky: true });
      }));
      var overlays = { "港口": ports, "锚地 (GFW)": anchorages, "休渔海域分界线": closures };
      if (data.waters) {
        overlays[data.waters.label] = L.polygon(data.waters.ring, { color: "#1d5fa8", weight: 1, fill: false,
          dashArray: "2 4", className: "waters-outline", interactive: false });
        overlays[data.waters.label].addTo(map);
      }
      anchorages.addTo(map);
      ports.addTo(map);
      closures.addTo(map);
      L.control.layers(null, overlays, { collapsed: false }).addTo(map);
      map.attributionControl.addAttribution(data.attribution);
      element.dataset.anchorages = String(data.anchorages.length);
      element.dataset.ready = "layers";
      return overlays;
    });
  }

  return { create: create, addLayers: addLayers };
})();
