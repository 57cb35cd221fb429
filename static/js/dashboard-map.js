/* The dashboard's choropleth: the area's children coloured by the figure chosen above the
 * map (share of slum households, of communities without a documented right, of those with
 * an eviction notice); a tap opens a popup with the figure and a link one level down.
 *
 * Uses map-base.js (offline style, bounds, translated controls). Classes are fixed steps of
 * 20 percentage points, so two districts' maps can be compared by colour. The table below
 * the map holds the same figures and links for keyboard and screen-reader users. */
(function () {
  "use strict";

  var STEPS = [20, 40, 60, 80];
  var COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
  var NO_DATA = "#c5cbd3";

  function fillColour(property) {
    var step = ["step", ["get", property], COLOURS[0]];
    STEPS.forEach(function (limit, i) { step.push(limit, COLOURS[i + 1]); });
    return ["case", ["==", ["typeof", ["get", property]], "number"], step, NO_DATA];
  }

  function legend(container, numbers, noData) {
    var box = document.getElementById(container.dataset.legend);
    if (!box) return;
    box.textContent = "";
    var bounds = [0].concat(STEPS, [100]);
    COLOURS.forEach(function (colour, i) {
      box.appendChild(item(colour, percent(numbers, bounds[i]) + "–" + percent(numbers, bounds[i + 1])));
    });
    box.appendChild(item(NO_DATA, noData));
  }

  // A share in percent (0–100) in the page's digits and percent sign ("۲۰٪", "20%").
  function percent(numbers, value) {
    return numbers.format(value / 100);
  }

  function item(colour, text) {
    var li = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = colour;
    li.appendChild(swatch);
    li.appendChild(document.createTextNode(text));
    return li;
  }

  function popupContent(container, props, property, numbers, counts) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = props.name;
    box.appendChild(name);
    var figure = document.createElement("p");
    var value = props[property];
    figure.textContent = value === null || value === undefined
      ? container.dataset.noData
      : percent(numbers, value);
    box.appendChild(figure);
    var households = document.createElement("p");
    households.textContent = container.dataset.householdsLabel + ": " + counts.format(props.households);
    box.appendChild(households);
    var link = document.createElement("a");
    link.href = props.url;
    link.className = "button";
    link.textContent = container.dataset.openLabel;
    box.appendChild(link);
    return box;
  }

  function start(container) {
    var select = document.getElementById(container.dataset.select);
    var lang = document.documentElement.lang || undefined;
    var numbers = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
    var counts = new Intl.NumberFormat(lang);
    var property = select ? select.value : "slum_share";
    window.mahallaMap.openMap(container).then(function (opened) {
      var map = opened.map;
      map.on("load", function () {
        map.addSource("choropleth", { type: "geojson", data: opened.data });
        var child = ["==", ["get", "role"], "child"];
        var polygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
        map.addLayer({
          id: "outline", type: "line", source: "choropleth",
          filter: ["==", ["get", "role"], "area"],
          paint: { "line-color": "#1f2933", "line-width": 2 },
        });
        map.addLayer({
          id: "child-fill", type: "fill", source: "choropleth", filter: ["all", child, polygon],
          paint: { "fill-color": fillColour(property), "fill-opacity": 0.85, "fill-outline-color": "#1f2933" },
        });
        map.addLayer({
          id: "child-point", type: "circle", source: "choropleth",
          filter: ["all", child, ["==", ["geometry-type"], "Point"]],
          paint: { "circle-color": fillColour(property), "circle-radius": 9,
                   "circle-stroke-color": "#1f2933", "circle-stroke-width": 1 },
        });
        container.dataset.ready = "1";
        ["child-fill", "child-point"].forEach(function (layer) {
          map.on("click", layer, function (event) {
            var props = event.features[0].properties;
            new maplibregl.Popup({ maxWidth: "16rem" })
              .setLngLat(event.lngLat)
              .setDOMContent(popupContent(container, props, property, numbers, counts))
              .addTo(map);
          });
          map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
          map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
        });
      });
      legend(container, numbers, container.dataset.noData);
      if (select) {
        select.addEventListener("change", function () {
          property = select.value;
          if (map.getLayer("child-fill")) {
            map.setPaintProperty("child-fill", "fill-color", fillColour(property));
            map.setPaintProperty("child-point", "circle-color", fillColour(property));
          }
        });
      }
    }).catch(function () {
      container.dataset.ready = "error";
    });
  }

  function startAll() {
    if (!window.maplibregl || !window.mahallaMap) return;
    document.querySelectorAll(".choropleth[data-geojson-url]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
