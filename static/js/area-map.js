/* Map of one area and the places in it.
 *
 * Uses map-base.js (offline style, bounds, opening the map). Labels are HTML markers because
 * symbol layers need a glyph server. */
(function () {
  "use strict";

  var COLORS = {
    accent: "#0b5f45",
    warn: "#e9a25a",
    warnInk: "#8a3b00",
    synthetic: "#4a5752",
    background: "#e8ede9",
  };
  var MAX_LABELS = 150;

  function labelPoint(feature) {
    var bounds = window.mahallaMap.boundsOf([feature]);
    if (!bounds) return null;
    return [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2];
  }

  function isChild(layerFilter) {
    return ["all", ["==", ["get", "role"], "child"], layerFilter];
  }

  function registrationColor(fallback) {
    return ["match", ["get", "registration"], "unregistered", COLORS.warn, fallback];
  }

  function addLayers(map, data) {
    map.addSource("areas", { type: "geojson", data: data });
    var polygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
    var point = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];
    var synthetic = ["to-boolean", ["get", "synthetic"]];
    map.addLayer({
      id: "area-fill", type: "fill", source: "areas",
      filter: ["all", ["==", ["get", "role"], "area"], polygon],
      paint: { "fill-color": COLORS.accent, "fill-opacity": 0.06 },
    });
    map.addLayer({
      id: "child-fill", type: "fill", source: "areas", filter: isChild(polygon),
      paint: { "fill-color": registrationColor(COLORS.accent), "fill-opacity": 0.28 },
    });
    var width = ["match", ["get", "role"], "area", 2.5, 1.4];
    map.addLayer({
      id: "outline", type: "line", source: "areas",
      filter: ["all", polygon, ["!", synthetic]],
      paint: { "line-color": COLORS.accent, "line-width": width },
    });
    // Synthetic boundaries are drawn dashed so nobody takes them for surveyed ones.
    map.addLayer({
      id: "outline-synthetic", type: "line", source: "areas",
      filter: ["all", polygon, synthetic],
      paint: { "line-color": COLORS.synthetic, "line-width": width, "line-dasharray": [2, 2] },
    });
    map.addLayer({
      id: "points", type: "circle", source: "areas", filter: point,
      paint: {
        "circle-radius": 7,
        "circle-color": registrationColor(COLORS.accent),
        "circle-stroke-width": 2,
        "circle-stroke-color": "#ffffff",
      },
    });
  }

  function addLabels(map, features) {
    features
      .filter(function (f) { return f.properties.role === "child"; })
      .slice(0, MAX_LABELS)
      .forEach(function (f) {
        var at = labelPoint(f);
        if (!at) return;
        var el = document.createElement("span");
        el.className = "map-label";
        el.setAttribute("aria-hidden", "true"); // the table below carries the same names
        el.textContent = f.properties.name;
        new maplibregl.Marker({ element: el, anchor: f.geometry.type === "Point" ? "top" : "center", offset: f.geometry.type === "Point" ? [0, 8] : [0, 0] })
          .setLngLat(at)
          .addTo(map);
      });
  }

  function popupContent(props, container) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    box.appendChild(link);
    var facts = [props.level];
    if (props.registration === "registered") facts.push(container.dataset.registeredLabel);
    if (props.registration === "unregistered") facts.push(container.dataset.unregisteredLabel);
    if (props.synthetic) facts.push(container.dataset.syntheticLabel);
    var meta = document.createElement("div");
    meta.textContent = facts.filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function wireClicks(map, container) {
    ["child-fill", "points"].forEach(function (layer) {
      map.on("click", layer, function (event) {
        var feature = event.features && event.features[0];
        if (!feature || feature.properties.role !== "child") return;
        new maplibregl.Popup({ closeButton: true })
          .setLngLat(event.lngLat)
          .setDOMContent(popupContent(feature.properties, container))
          .addTo(map);
      });
      map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
    });
  }

  function start(container) {
    window.mahallaMap.openMap(container, { cooperativeGestures: false })
      .then(function (opened) {
        var map = opened.map;
        map.on("load", function () {
          addLayers(map, opened.data);
          addLabels(map, opened.data.features);
          wireClicks(map, container);
          container.dataset.mapReady = "1";
          container.dispatchEvent(new CustomEvent("mahalla:map-ready", { bubbles: true }));
        });
        map.on("error", function (event) {
          container.dataset.mapError = String((event && event.error && event.error.message) || "error");
        });
      })
      .catch(function (error) {
        container.dataset.mapError = String(error && error.message);
      });
  }

  function init() {
    if (typeof maplibregl === "undefined" || !window.mahallaMap) return;
    document.querySelectorAll(".area-map[data-geojson-url]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
