/* What every mahalla map shares: an offline style, bounds of GeoJSON features, the lazy RTL
 * text plugin, and opening a map on a container whose data-* attributes name its GeoJSON.
 *
 * Works offline: without a base-map style the map is a plain background with our own data,
 * and nothing is requested from another server. */
(function () {
  "use strict";

  var BACKGROUND = "#e8ede9";
  var OFFLINE_STYLE = {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": BACKGROUND } }],
  };

  function eachCoordinate(geometry, fn) {
    if (!geometry) return;
    if (geometry.type === "GeometryCollection") {
      geometry.geometries.forEach(function (g) { eachCoordinate(g, fn); });
      return;
    }
    (function walk(coords) {
      if (typeof coords[0] === "number") fn(coords);
      else coords.forEach(walk);
    })(geometry.coordinates || []);
  }

  function boundsOf(features) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    features.forEach(function (f) {
      eachCoordinate(f.geometry, function (c) {
        b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
        b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
      });
    });
    if (!isFinite(b[0])) return null;
    // A single point has no extent: give it a neighbourhood-sized one.
    if (b[2] - b[0] < 1e-4 && b[3] - b[1] < 1e-4) {
      b = [b[0] - 0.005, b[1] - 0.005, b[2] + 0.005, b[3] + 0.005];
    }
    return [[b[0], b[1]], [b[2], b[3]]];
  }

  var rtlPluginRequested = false;
  function loadRtlPlugin(url) {
    if (rtlPluginRequested || !url || !maplibregl.setRTLTextPlugin) return;
    rtlPluginRequested = true;
    try {
      // Lazy: fetched only if the map ever draws right-to-left text (a base map's labels).
      var result = maplibregl.setRTLTextPlugin(url, true);
      if (result && result.catch) result.catch(function () {});
    } catch (e) { /* already set by another map on the page */ }
  }

  // MapLibre's own words (control tooltips and screen-reader labels), translated by the
  // page: data-locale-* attributes of the container (places/_map_locale.html).
  var LOCALE_KEYS = {
    localeZoomIn: "NavigationControl.ZoomIn",
    localeZoomOut: "NavigationControl.ZoomOut",
    localeResetBearing: "NavigationControl.ResetBearing",
    localeMapTitle: "Map.Title",
    localePopupClose: "Popup.Close",
    localeAttribution: "AttributionControl.ToggleAttribution",
  };

  function localeOf(container) {
    var locale = {};
    Object.keys(LOCALE_KEYS).forEach(function (key) {
      if (container.dataset[key]) locale[LOCALE_KEYS[key]] = container.dataset[key];
    });
    return locale;
  }

  /* Fetch the container's GeoJSON and open a map fitted to it; resolves to {map, data}.
   * Navigation controls sit on the reading side's far edge: top-left on RTL pages. */
  function openMap(container, options) {
    var rtl = container.dataset.rtl === "1";
    if (rtl) loadRtlPlugin(container.dataset.rtlPluginUrl);
    var url = container.dataset.geojsonUrl;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("map data " + response.status);
        return response.json();
      })
      .then(function (data) {
        var bounds = boundsOf(data.features);
        var basemap = container.dataset.basemapUrl;
        var map = new maplibregl.Map(Object.assign({
          container: container,
          style: basemap || OFFLINE_STYLE,
          bounds: bounds || undefined,
          center: bounds ? undefined : [0, 0],
          zoom: bounds ? undefined : 1,
          fitBoundsOptions: { padding: 24 },
          attributionControl: basemap ? { compact: true } : false,
          locale: localeOf(container),
        }, options || {}));
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), rtl ? "top-left" : "top-right");
        return { map: map, data: data };
      });
  }

  window.mahallaMap = { boundsOf: boundsOf, openMap: openMap };
})();
