/* Adding or editing a place by hand.
 *
 * Two enhancements; the form works without either:
 * - choosing a community level suggests "not registered", other levels "not applicable";
 * - a click on the small map fills in the latitude and longitude (in Persian digits on
 *   Persian pages), and typed coordinates move the marker.
 * - "Use my location" fills them from the device (navigator.geolocation), with a
 *   translated message when the browser refuses or cannot tell.
 * The map itself comes from map-base.js and works offline. */
(function () {
  "use strict";

  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var DIGIT_SETS = [PERSIAN, "٠١٢٣٤٥٦٧٨٩", "๐๑๒๓๔๕๖๗๘๙"];
  var COLORS = { accent: "#0b5f45", warn: "#e9a25a", marker: "#8a3b00" };
  function wireRegistration(form) {
    var level = form.querySelector("select[name=level]");
    var registration = form.querySelector("select[name=registration]");
    if (!level || !registration) return;
    level.addEventListener("change", function () {
      var option = level.options[level.selectedIndex];
      var community = Boolean(option && option.dataset.community === "1");
      if (community && registration.value === "") registration.value = "unregistered";
      if (!community) registration.value = "";
    });
  }

  // "۱۳٫۷۲۵", "๑๓.๗๒๕", "13.725" (and "۱۳/۷۲۵" as Iranians write it) to 13.725; null if not a number.
  function toNumber(text) {
    var ascii = String(text || "").replace(/[\u200e\u200f\u061c]/g, "").replace(/\u2212/g, "-").trim();
    DIGIT_SETS.forEach(function (set) {
      ascii = ascii.replace(new RegExp("[" + set + "]", "g"), function (d) { return String(set.indexOf(d)); });
    });
    ascii = ascii.replace(/[٫/]/g, ".").replace(/[٬,]/g, "");
    if (!/^-?\d+(\.\d+)?$/.test(ascii)) return null;
    return parseFloat(ascii);
  }

  function formatCoordinate(value, digits) {
    var text = value.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
    if (digits !== "fa") return text;
    return text.replace(/[0-9]/g, function (d) { return PERSIAN[Number(d)]; }).replace(".", "٫");
  }

  function addLayers(map, data) {
    var polygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
    var point = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];
    var color = ["match", ["get", "registration"], "unregistered", COLORS.warn, COLORS.accent];
    map.addSource("areas", { type: "geojson", data: data });
    map.addLayer({ id: "fill", type: "fill", source: "areas", filter: polygon,
      paint: { "fill-color": color, "fill-opacity": ["match", ["get", "role"], "area", 0.06, 0.25] } });
    map.addLayer({ id: "outline", type: "line", source: "areas", filter: polygon,
      paint: { "line-color": COLORS.accent, "line-width": ["match", ["get", "role"], "area", 2.5, 1] } });
    map.addLayer({ id: "points", type: "circle", source: "areas", filter: point,
      paint: { "circle-radius": 5, "circle-color": color, "circle-stroke-width": 1.5, "circle-stroke-color": "#fff" } });
  }

  function startPicker(figure) {
    var container = figure.querySelector(".location-map");
    if (!container || typeof maplibregl === "undefined" || !window.mahallaMap) return;
    var latitude = document.getElementById(container.dataset.latitudeInput);
    var longitude = document.getElementById(container.dataset.longitudeInput);
    if (!latitude || !longitude) return;
    figure.hidden = false;
    window.mahallaMap.openMap(container, { fitBoundsOptions: { padding: 16 } })
      .then(function (opened) {
        var map = opened.map;
        var data = opened.data;
        var marker = null;
        function place(lngLat) {
          if (!marker) marker = new maplibregl.Marker({ color: COLORS.marker }).setLngLat(lngLat).addTo(map);
          else marker.setLngLat(lngLat);
        }
        function fromInputs() {
          var lat = toNumber(latitude.value);
          var lon = toNumber(longitude.value);
          if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return;
          place([lon, lat]);
        }
        map.on("load", function () {
          addLayers(map, data);
          fromInputs();
          container.dataset.mapReady = "1";
        });
        map.on("click", function (event) {
          latitude.value = formatCoordinate(event.lngLat.lat, container.dataset.digits);
          longitude.value = formatCoordinate(event.lngLat.lng, container.dataset.digits);
          place(event.lngLat);
        });
        latitude.addEventListener("change", fromInputs);
        longitude.addEventListener("change", fromInputs);
      })
      .catch(function (error) {
        figure.hidden = true; // the fields still work
        container.dataset.mapError = String(error && error.message);
      });
  }

  function wireLocate(button) {
    var latitude = document.getElementById(button.dataset.latitudeInput);
    var longitude = document.getElementById(button.dataset.longitudeInput);
    var status = button.parentNode.querySelector(".locate-status");
    if (!latitude || !longitude || !navigator.geolocation) return; // stays hidden
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.locating;
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        latitude.value = formatCoordinate(position.coords.latitude, button.dataset.digits);
        longitude.value = formatCoordinate(position.coords.longitude, button.dataset.digits);
        // The map's marker follows typed coordinates; tell it these changed too.
        latitude.dispatchEvent(new Event("change"));
        longitude.dispatchEvent(new Event("change"));
        status.textContent = "";
        status.classList.remove("error");
        button.disabled = false;
      }, function (error) {
        status.textContent = error.code === 1 ? button.dataset.denied : button.dataset.unavailable;
        status.classList.add("error");
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  function init() {
    document.querySelectorAll("form.area-form").forEach(wireRegistration);
    document.querySelectorAll(".locate-button").forEach(wireLocate);
    document.querySelectorAll(".location-picker").forEach(startPicker);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
