/* Map of one area and the places in it.
 *
 * Uses map-base.js (offline style, bounds, opening the map, translated controls).
 * Dense data stays legible:
 * - point places go into a clustered source: nearby points merge into one disc with
 *   their count until the map is zoomed in;
 * - names are HTML labels (symbol layers would need a glyph server, and the map must work
 *   offline) placed with collision handling: the largest places first, a label that would
 *   overlap one already placed is hidden, and placement is redone after every move;
 * - a polygon's label sits at a point inside it computed by the server, so tiny or
 *   crescent-shaped places are labelled on themselves.
 * The server sends at most a bounded number of places and says so; the map repeats it. */
(function () {
  "use strict";

  var COLORS = {
    accent: "#0b5f45",
    warn: "#e9a25a",
    synthetic: "#4a5752",
  };
  var MAX_LABELS = 150; // label candidates considered per view, largest places first
  var LABEL_GAP = 4; // px kept free around each label

  function registrationColor(fallback) {
    return ["match", ["get", "registration"], "unregistered", COLORS.warn, fallback];
  }

  function isPoint(feature) {
    var type = feature.geometry && feature.geometry.type;
    return type === "Point" || type === "MultiPoint";
  }

  function split(data) {
    var shapes = [];
    var points = [];
    data.features.forEach(function (f) {
      if (isPoint(f) && f.properties.role === "child") points.push(f);
      else shapes.push(f);
    });
    return {
      shapes: { type: "FeatureCollection", features: shapes },
      points: { type: "FeatureCollection", features: points },
    };
  }

  function addLayers(map, parts) {
    map.addSource("areas", { type: "geojson", data: parts.shapes });
    map.addSource("points", {
      type: "geojson", data: parts.points, cluster: true, clusterRadius: 44, clusterMaxZoom: 15,
    });
    var polygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
    var synthetic = ["to-boolean", ["get", "synthetic"]];
    map.addLayer({
      id: "area-fill", type: "fill", source: "areas",
      filter: ["all", ["==", ["get", "role"], "area"], polygon],
      paint: { "fill-color": COLORS.accent, "fill-opacity": 0.06 },
    });
    map.addLayer({
      id: "child-fill", type: "fill", source: "areas",
      filter: ["all", ["==", ["get", "role"], "child"], polygon],
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
      id: "area-point", type: "circle", source: "areas",
      filter: ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]],
      paint: { "circle-radius": 8, "circle-color": COLORS.accent, "circle-stroke-width": 2, "circle-stroke-color": "#ffffff" },
    });
    map.addLayer({
      id: "clusters", type: "circle", source: "points", filter: ["has", "point_count"],
      paint: {
        "circle-color": COLORS.accent,
        "circle-opacity": 0.85,
        "circle-radius": ["step", ["get", "point_count"], 18, 10, 22, 100, 28, 1000, 34],
        "circle-stroke-width": 3,
        "circle-stroke-color": "#ffffff",
      },
    });
    map.addLayer({
      id: "points", type: "circle", source: "points", filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-radius": 7,
        "circle-color": registrationColor(COLORS.accent),
        "circle-stroke-width": 2,
        "circle-stroke-color": "#ffffff",
      },
    });
  }

  /* Cluster counts, as HTML (no glyphs offline), in the page's digits. */
  function clusterCounts(map, container) {
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var shown = {};
    function update() {
      var next = {};
      map.querySourceFeatures("points", { filter: ["has", "point_count"] }).forEach(function (f) {
        var id = f.properties.cluster_id;
        if (next[id]) return; // a cluster can come once per tile
        var marker = shown[id];
        if (!marker) {
          var el = document.createElement("span");
          el.className = "map-cluster";
          el.setAttribute("aria-hidden", "true"); // the table lists the same places
          el.textContent = numbers.format(f.properties.point_count);
          el.addEventListener("click", function () {
            map.getSource("points").getClusterExpansionZoom(id).then(function (zoom) {
              map.easeTo({ center: f.geometry.coordinates, zoom: zoom });
            });
          });
          marker = new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates).addTo(map);
        }
        next[id] = marker;
      });
      Object.keys(shown).forEach(function (id) { if (!next[id]) shown[id].remove(); });
      shown = next;
      container.dataset.clusters = String(Object.keys(shown).length);
    }
    map.on("moveend", update);
    map.on("sourcedata", function (event) {
      if (event.sourceId === "points" && event.isSourceLoaded) update();
    });
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  /* Names with collision handling: candidates in view, largest first (the server's
   * order), each shown only if it overlaps no label already placed. */
  function labels(map, container, shapes) {
    var markers = {}; // feature id -> {marker, el, size}
    var polygons = shapes.features.filter(function (f) {
      return f.properties.role === "child" && f.properties.label;
    });

    function markerFor(id, name, at, point) {
      var entry = markers[id];
      if (!entry) {
        var el = document.createElement("span");
        el.className = "map-label";
        el.setAttribute("aria-hidden", "true"); // the table below carries the same names
        el.textContent = name;
        var marker = new maplibregl.Marker({
          element: el, anchor: point ? "top" : "center", offset: point ? [0, 8] : [0, 0],
        }).setLngLat(at).addTo(map);
        entry = markers[id] = { marker: marker, el: el, point: point, size: null };
      }
      if (!entry.size) entry.size = [entry.el.offsetWidth, entry.el.offsetHeight];
      return entry;
    }

    function place() {
      var bounds = map.getBounds();
      var candidates = [];
      polygons.forEach(function (f) {
        if (candidates.length < MAX_LABELS && bounds.contains(f.properties.label)) {
          candidates.push({ id: f.properties.id, name: f.properties.name, at: f.properties.label, point: false });
        }
      });
      map.querySourceFeatures("points", { filter: ["!", ["has", "point_count"]] }).forEach(function (f) {
        if (candidates.length >= MAX_LABELS * 2) return;
        var at = f.geometry.coordinates;
        if (bounds.contains(at)) candidates.push({ id: f.properties.id, name: f.properties.name, at: at, point: true });
      });
      // Cluster discs are drawn first; names keep clear of them too.
      var placed = map.querySourceFeatures("points", { filter: ["has", "point_count"] }).map(function (f) {
        var xy = map.project(f.geometry.coordinates);
        var r = 22 + LABEL_GAP;
        return [xy.x - r, xy.y - r, xy.x + r, xy.y + r];
      });
      var clusters = placed.length;
      var wanted = {};
      candidates.forEach(function (c) {
        if (wanted[c.id] !== undefined || placed.length - clusters >= MAX_LABELS) return;
        var entry = markerFor(c.id, c.name, c.at, c.point);
        var xy = map.project(c.at);
        var w = entry.size[0] / 2 + LABEL_GAP;
        var top = c.point ? xy.y + 8 - LABEL_GAP : xy.y - entry.size[1] / 2 - LABEL_GAP;
        var box = [xy.x - w, top, xy.x + w, top + entry.size[1] + 2 * LABEL_GAP];
        var free = !placed.some(function (other) { return overlaps(box, other); });
        if (free) placed.push(box);
        wanted[c.id] = free;
      });
      Object.keys(markers).forEach(function (id) {
        var show = wanted[id] === true;
        markers[id].el.classList.toggle("map-label-hidden", !show);
        if (wanted[id] === undefined) { markers[id].marker.remove(); delete markers[id]; }
      });
      container.dataset.labelsShown = String(placed.length - clusters);
    }
    map.on("moveend", place);
    map.on("sourcedata", function (event) {
      if (event.sourceId === "points" && event.isSourceLoaded) place();
    });
    place();
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

  /* "The map shows the 1,999 largest of 5,002 places…", written by the server. */
  function showNotice(container, data) {
    var figure = container.closest("figure");
    var notice = figure && figure.querySelector(".map-notice");
    if (!notice || !data.truncated || !data.notice) return;
    notice.textContent = data.notice;
    notice.hidden = false;
  }

  /* "?spot=lon,lat": a problem of an import names a spot; the map centres on it and marks it. */
  function showSpot(map, container) {
    var match = /[?&]spot=(-?[\d.]+),(-?[\d.]+)/.exec(window.location.search);
    if (!match) return;
    var lngLat = [parseFloat(match[1]), parseFloat(match[2])];
    if (!isFinite(lngLat[0]) || !isFinite(lngLat[1])) return;
    var el = document.createElement("span");
    el.className = "map-spot";
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", container.dataset.spotLabel || "");
    new maplibregl.Marker({ element: el }).setLngLat(lngLat).addTo(map);
    map.jumpTo({ center: lngLat, zoom: Math.max(map.getZoom(), 15) });
    container.dataset.spot = lngLat.join(",");
  }

  function start(container) {
    window.mahallaMap.openMap(container, { cooperativeGestures: false })
      .then(function (opened) {
        var map = opened.map;
        var parts = split(opened.data);
        showNotice(container, opened.data);
        map.on("load", function () {
          addLayers(map, parts);
          clusterCounts(map, container);
          labels(map, container, parts.shapes);
          wireClicks(map, container);
          showSpot(map, container);
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
