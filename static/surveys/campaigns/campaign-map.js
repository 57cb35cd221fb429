/* Choropleth of a campaign's progress: one level of areas coloured by received / expected,
 * drilling down city → district → community.
 *
 * Uses map-base.js (offline style, fitting, translated controls). The server sends the
 * children of the current area with their figures and, for those with children, the URL of
 * the next level (`drill`). A click on an area (or on its name) loads that level in place;
 * "up" goes back. The same figures are in the table below the map, which is the accessible
 * way through; the buttons under the map drill with the keyboard too. */
(function () {
  "use strict";

  // Viridis steps: ordered in lightness, readable by colour-blind readers, and each step
  // has at least 3:1 contrast with its neighbour's outline colour below.
  var STEPS = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];
  var NONE = "#c8cdca";
  var OUTLINE = "#1f2b26";

  function fillColor() {
    return [
      "case", ["<", ["get", "ratio"], 0], NONE,
      ["step", ["get", "ratio"], STEPS[0], 0.25, STEPS[1], 0.5, STEPS[2], 0.75, STEPS[3], 1, STEPS[4]],
    ];
  }

  function addLayers(map, data) {
    map.addSource("progress", { type: "geojson", data: data });
    var polygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
    var point = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];
    var child = ["==", ["get", "role"], "child"];
    map.addLayer({
      id: "child-fill", type: "fill", source: "progress", filter: ["all", child, polygon],
      paint: { "fill-color": fillColor(), "fill-opacity": 0.78 },
    });
    map.addLayer({
      id: "child-outline", type: "line", source: "progress", filter: ["all", child, polygon],
      paint: { "line-color": OUTLINE, "line-width": 1.2 },
    });
    map.addLayer({
      id: "parent-outline", type: "line", source: "progress",
      filter: ["all", ["==", ["get", "role"], "parent"], polygon],
      paint: { "line-color": OUTLINE, "line-width": 2.5 },
    });
    map.addLayer({
      id: "child-point", type: "circle", source: "progress", filter: ["all", child, point],
      paint: {
        "circle-radius": 9, "circle-color": fillColor(),
        "circle-stroke-width": 2, "circle-stroke-color": OUTLINE,
      },
    });
  }

  function percentText(props) {
    return props.percent ? props.name + " · " + props.percent : props.name;
  }

  function State(map, container) {
    this.map = map;
    this.container = container;
    this.markers = [];
    this.figure = container.closest("figure");
  }

  State.prototype.show = function (data) {
    var self = this;
    this.data = data;
    this.container.dataset.level = String(data.area.id);
    this.container.dataset.features = String(data.features.filter(function (f) {
      return f.properties.role === "child";
    }).length);
    var source = this.map.getSource("progress");
    if (source) source.setData(data);
    // Fit the children (the parent's outline may be far larger than what is in it).
    var children = data.features.filter(function (f) { return f.properties.role === "child"; });
    var bounds = window.mahallaMap.boundsOf(children.length ? children : data.features);
    if (bounds) this.map.fitBounds(bounds, { padding: 24, animate: false });
    this.markers.forEach(function (m) { m.remove(); });
    this.markers = [];
    data.features.forEach(function (f) {
      if (f.properties.role !== "child" || !f.properties.label && f.geometry.type !== "Point") return;
      var at = f.properties.label || f.geometry.coordinates;
      var el = document.createElement("button");
      el.type = "button";
      el.className = "map-label choropleth-label";
      el.tabIndex = -1; // the buttons under the map are the keyboard's way
      el.setAttribute("aria-hidden", "true");
      el.textContent = percentText(f.properties);
      el.dataset.area = String(f.properties.id);
      el.addEventListener("click", function () { self.open(f.properties); });
      self.markers.push(new maplibregl.Marker({ element: el }).setLngLat(at).addTo(self.map));
    });
    this.declutter();
    this.controls();
  };

  /* Hide a name that would cover one placed before it (the server's order), after every
   * move: the table and the buttons below always carry every name. */
  State.prototype.declutter = function () {
    var placed = [];
    this.markers.forEach(function (marker) {
      var el = marker.getElement();
      el.classList.remove("map-label-hidden");
      var box = el.getBoundingClientRect();
      var clear = !placed.some(function (other) {
        return box.left < other.right && other.left < box.right &&
          box.top < other.bottom && other.top < box.bottom;
      });
      if (clear) placed.push(box);
      else el.classList.add("map-label-hidden");
    });
    this.container.dataset.labelsShown = String(placed.length);
  };

  /* Under the map: where the map is, a way up, and one button per area that has children. */
  State.prototype.controls = function () {
    var self = this;
    var caption = this.figure && this.figure.querySelector(".map-level");
    if (!caption) return;
    caption.textContent = "";
    var here = document.createElement("strong");
    here.textContent = this.data.area.name;
    caption.appendChild(here);
    var list = document.createElement("span");
    list.className = "map-drill";
    if (this.data.up) {
      var up = document.createElement("button");
      up.type = "button";
      up.className = "button map-up";
      up.textContent = "↑ " + (this.container.dataset.upLabel || "");
      up.addEventListener("click", function () { self.load(self.data.up); });
      list.appendChild(up);
    }
    this.data.features.forEach(function (f) {
      if (f.properties.role !== "child" || !f.properties.drill) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button map-drill-button";
      button.textContent = f.properties.name;
      button.dataset.area = String(f.properties.id);
      button.addEventListener("click", function () { self.load(f.properties.drill); });
      list.appendChild(button);
    });
    caption.appendChild(list);
  };

  State.prototype.load = function (url) {
    var self = this;
    this.container.dataset.loading = "1";
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("map data " + response.status);
        return response.json();
      })
      .then(function (data) { self.show(data); })
      .catch(function (error) { self.container.dataset.mapError = String(error && error.message); })
      .then(function () { delete self.container.dataset.loading; });
  };

  State.prototype.open = function (props) {
    if (props.drill) {
      this.load(props.drill);
      return;
    }
    this.popup(props);
  };

  State.prototype.popup = function (props, lngLat) {
    var ds = this.container.dataset;
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name;
    box.appendChild(title);
    var facts = document.createElement("div");
    facts.textContent = [
      props.received_text + " " + ds.receivedLabel,
      props.approved_text + " " + ds.approvedLabel,
      props.expected_text + " " + ds.expectedLabel,
    ].join(" · ");
    box.appendChild(facts);
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = ds.tableLabel;
    box.appendChild(link);
    var at = lngLat || props.label;
    if (!at) return;
    new maplibregl.Popup({ closeButton: true }).setLngLat(at).setDOMContent(box).addTo(this.map);
  };

  function wireClicks(state) {
    ["child-fill", "child-point"].forEach(function (layer) {
      state.map.on("click", layer, function (event) {
        var feature = event.features && event.features[0];
        if (!feature) return;
        if (feature.properties.drill) state.load(feature.properties.drill);
        else state.popup(feature.properties, event.lngLat);
      });
      state.map.on("mouseenter", layer, function () { state.map.getCanvas().style.cursor = "pointer"; });
      state.map.on("mouseleave", layer, function () { state.map.getCanvas().style.cursor = ""; });
    });
  }

  function start(container) {
    window.mahallaMap.openMap(container, { cooperativeGestures: false })
      .then(function (opened) {
        var state = new State(opened.map, container);
        opened.map.on("load", function () {
          addLayers(opened.map, opened.data);
          wireClicks(state);
          state.show(opened.data);
          opened.map.on("moveend", function () { state.declutter(); });
          container.dataset.mapReady = "1";
        });
        opened.map.on("error", function (event) {
          container.dataset.mapError = String((event && event.error && event.error.message) || "error");
        });
      })
      .catch(function (error) { container.dataset.mapError = String(error && error.message); });
  }

  function init() {
    if (typeof maplibregl === "undefined" || !window.mahallaMap) return;
    document.querySelectorAll(".campaign-map[data-geojson-url]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
