// Build-time changes to @getodk/web-forms 0.22.0, applied by Vite as it bundles the island.
// Why each exists is in docs/decisions/0008-web-forms.md; in short:
//
// 1. Styles. The package injects its component CSS and a reset stylesheet as <style> elements
//    at run time, which our Content-Security-Policy refuses. Their text is taken out here and
//    emitted into the island's CSS file instead (a normal, hashed, cacheable static file).
// 2. Drafts. OdkWebForm offers no way to read the form's state or to reopen a saved draft
//    without turning it into an *edit* of a sent submission (which adds a deprecatedID and
//    switches geopoint questions to a map). The engine has a "restore" mode for exactly this;
//    a resolver marked `restoresDraft` selects it, and the component reports its state through
//    a `formState` event so the island can serialise drafts as the surveyor types.
// 3. Words. Its own buttons and messages are English literals in 0.22; the most visible ones
//    read from `globalThis.mahallaWebFormsText` (filled from the Django page, translated), and
//    PrimeVue's date picker takes `globalThis.mahallaWebFormsLocale`.
// 4. The map widget's chunk (below, MAP_PATCHES): its base map and its words.
//
// Every patch must match exactly as often as it says (once, unless it gives a count): a
// different version of the package stops the build here with the patch named, instead of
// shipping an island that silently misbehaves.
import vm from "node:vm";

const EXPECTED_VERSION = "0.22.0";
const CSS_ID = "\0mahalla-odk-web-forms.css";

// `mahallaFormat` puts a measured value (coordinates, metres) into a sentence in the page's
// digits, with all its decimals; `mahallaDigits` writes the digits of a number the package
// has already made into text (days and years of the date picker, the elapsed time).
const TEXT_HELPER = `
const mahallaText = (key, fallback, count) => {
  const words = globalThis.mahallaWebFormsText || {};
  const text = words[key] || fallback;
  if (count == null) return text;
  return text.replace("%(count)s", words.number ? words.number(count) : String(count));
};
const mahallaFormat = (key, fallback, value) => {
  const words = globalThis.mahallaWebFormsText || {};
  const number = value === "" || value == null ? NaN : Number(value);
  const shown = words.coordinate && Number.isFinite(number) ? words.coordinate(number) : String(value);
  return mahallaText(key, fallback).replace("%(value)s", shown);
};
const mahallaDigits = (value) => {
  const words = globalThis.mahallaWebFormsText || {};
  return words.digits ? words.digits(String(value)) : String(value);
};
`;

const CHUNK_PATCHES = [
  {
    name: "reset stylesheet injected at install; PrimeVue's nonce",
    from: "const tA = document.createElement(\"style\");\n    tA.textContent = resetStyles, document.head.prepend(tA), eA.use(PrimeVue, { theme: { preset: odkThemePreset, options: { darkModeSelector: !1 } } });",
    // PrimeVue loads its theme as soon as it is installed: the page's nonce goes in here.
    // Its date picker's words and day and month names come from the page (main.js).
    to: "eA.use(PrimeVue, { theme: { preset: odkThemePreset, options: { darkModeSelector: !1 } }, csp: { nonce: globalThis.mahallaWebFormsNonce }, locale: globalThis.mahallaWebFormsLocale || {} });",
  },
  {
    name: "restore mode for drafts",
    from: "const sA = await InitialInstanceState.resolve(oA.model, iA);\n      return new FormInstance(this, {\n        mode: \"edit\",",
    to: "const sA = await InitialInstanceState.resolve(oA.model, iA);\n      return new FormInstance(this, {\n        mode: iA.resolveInstance?.restoresDraft ? \"restore\" : \"edit\",",
  },
  {
    name: "form state reported to the host",
    from: "EA.value = QA.instance?.mode === \"edit\";",
    to: "EA.value = QA.instance?.mode === \"edit\", tA(\"formState\", QA);",
  },
  {
    name: "validation messages",
    from: "VALIDATION_TEXT = {\n  constraintMsg: \"Condition not satisfied: constraint\",\n  requiredMsg: \"Condition not satisfied: required\"\n}",
    to: "VALIDATION_TEXT = {\n  get constraintMsg() { return mahallaText(\"constraint\", \"Condition not satisfied: constraint\"); },\n  get requiredMsg() { return mahallaText(\"required\", \"Condition not satisfied: required\"); }\n}",
  },
  {
    name: "error count",
    from: "QA === 1 ? \"1 question with error.\" : `${QA} questions with errors.`",
    to: "QA === 1 ? mahallaText(\"oneError\", \"1 question with error.\") : mahallaText(\"manyErrors\", \"%(count)s questions with errors.\", QA)",
  },
  { name: "Send button", from: "label: \"Send\",", to: "label: mahallaText(\"send\", \"Send\")," },
  {
    name: "Change language menu",
    from: "label: \"Change language\",",
    to: "label: mahallaText(\"changeLanguage\", \"Change language\"),",
  },
  {
    name: "Remove repeat",
    from: "label: \"Remove\",\n            icon: \"icon-delete\",",
    to: "label: mahallaText(\"remove\", \"Remove\"),\n            icon: \"icon-delete\",",
  },
  {
    name: "Add repeat",
    from: "createTextVNode(\" Add \", -1)",
    to: "createTextVNode(\" \" + mahallaText(\"add\", \"Add\") + \" \", -1)",
  },
  {
    name: "Get location",
    from: "createElementVNode(\"span\", null, \"Get location\", -1)",
    to: "createElementVNode(\"span\", null, mahallaText(\"getLocation\", \"Get location\"), -1)",
  },
  // The location and image widgets, and the footer. The accuracy labels are read when the
  // package loads, before the page's words exist: getters read them when shown.
  {
    name: "location accuracy labels",
    from: '[GEOPOINT_ACCURACY_QUALITY.GOOD]: "Good accuracy",\n  [GEOPOINT_ACCURACY_QUALITY.ACCEPTABLE]: "Good accuracy",\n  [GEOPOINT_ACCURACY_QUALITY.POOR]: "Poor accuracy",\n  [GEOPOINT_ACCURACY_QUALITY.UNKNOWN]: "Unknown accuracy"',
    to: 'get [GEOPOINT_ACCURACY_QUALITY.GOOD]() { return mahallaText("goodAccuracy", "Good accuracy"); },\n  get [GEOPOINT_ACCURACY_QUALITY.ACCEPTABLE]() { return mahallaText("goodAccuracy", "Good accuracy"); },\n  get [GEOPOINT_ACCURACY_QUALITY.POOR]() { return mahallaText("poorAccuracy", "Poor accuracy"); },\n  get [GEOPOINT_ACCURACY_QUALITY.UNKNOWN]() { return mahallaText("unknownAccuracy", "Unknown accuracy"); }',
  },
  {
    name: "finding your location",
    from: 'createElementVNode("strong", null, "Finding your location", -1)',
    to: 'createElementVNode("strong", null, mahallaText("findingLocation", "Finding your location"), -1)',
  },
  {
    name: "time taken to capture location",
    from: 'createTextVNode("Time taken to capture location: ", -1)',
    to: 'createTextVNode(mahallaText("timeTaken", "Time taken to capture location:") + " ", -1)',
  },
  {
    name: "cancel and save location",
    from: 'label: "Cancel",\n            onClick: IA[1] || (IA[1] = (CA) => cA())\n          }),\n          createVNode(unref(script$H), {\n            label: "Save location",',
    to: 'label: mahallaText("cancel", "Cancel"),\n            onClick: IA[1] || (IA[1] = (CA) => cA())\n          }),\n          createVNode(unref(script$H), {\n            label: mahallaText("saveLocation", "Save location"),',
  },
  {
    name: "try again",
    from: 'createElementVNode("span", null, "Try again", -1)',
    to: 'createElementVNode("span", null, mahallaText("tryAgain", "Try again"), -1)',
  },
  {
    name: "cannot access location",
    from: 'createElementVNode("strong", null, "Cannot access location", -1)',
    to: 'createElementVNode("strong", null, mahallaText("noLocation", "Cannot access location"), -1)',
  },
  {
    name: "image preview text",
    from: 'alt: "Captured image preview"',
    to: 'alt: mahallaText("imagePreview", "Captured image preview")',
  },
  {
    name: "take picture",
    from: 'createElementVNode("span", null, "Take picture", -1)',
    to: 'createElementVNode("span", null, mahallaText("takePicture", "Take picture"), -1)',
  },
  {
    name: "choose image",
    from: 'createElementVNode("span", null, "Choose image", -1)',
    to: 'createElementVNode("span", null, mahallaText("chooseImage", "Choose image"), -1)',
  },
  // A form the engine cannot open: our words on top, its own (English, technical) message
  // with the details, for whoever published the form.
  {
    name: "form load failure: title and details label",
    from: 'DIALOG_TITLE: "An error occurred while loading this form",\n      DETAILS_SUMMARY_LABEL: "Technical error details"',
    to: 'get DIALOG_TITLE() { return mahallaText("loadErrorTitle", "An error occurred while loading this form"); },\n      get DETAILS_SUMMARY_LABEL() { return mahallaText("loadErrorDetails", "Technical error details"); }',
  },
  {
    name: "form load failure: message",
    from: "createTextVNode(toDisplayString(eA.error.message), 1)",
    to: 'createTextVNode(toDisplayString(mahallaText("loadError", eA.error.message)), 1)',
  },
  {
    name: "form load failure: the engine's message with the details",
    from: 'nA.value.stack != null ? (openBlock(), createElementBlock("pre", _hoisted_4$f, toDisplayString(nA.value.stack), 1))',
    to: 'nA.value.stack != null ? (openBlock(), createElementBlock("pre", _hoisted_4$f, toDisplayString(eA.error.message + "\\n" + nA.value.stack), 1))',
  },
  {
    name: "saved location",
    from: '"Accuracy: " + toDisplayString(unref(truncateDecimals)(oA.accuracy, { decimals: 3 })) + " m,"',
    to: 'mahallaFormat("accuracyValue", "Accuracy: %(value)s m", unref(truncateDecimals)(oA.accuracy, { decimals: 3 })) + mahallaText("comma", ",")',
  },
  {
    name: "saved latitude",
    from: '"Latitude: " + toDisplayString(oA.latitude) + ","',
    to: '" " + mahallaFormat("latitudeValue", "Latitude: %(value)s", oA.latitude) + mahallaText("comma", ",")',
  },
  {
    name: "saved longitude",
    from: '"Longitude: " + toDisplayString(oA.longitude) + "."',
    to: '" " + mahallaFormat("longitudeValue", "Longitude: %(value)s", oA.longitude)',
  },
  {
    name: "accuracy while finding the location",
    from: 'toDisplayString(unref(truncateDecimals)(iA.value.value, nA)) + " m - " + toDisplayString(iA.value.label)',
    to: 'mahallaFormat("metres", "%(value)s m", unref(truncateDecimals)(iA.value.value, nA)) + " – " + toDisplayString(iA.value.label)',
  },
  {
    name: "accuracy the location is saved at",
    from: '" Location will be saved at " + toDisplayString(eA.options.accuracyThreshold) + " m "',
    to: 'mahallaFormat("savedAt", "The location is saved when its accuracy reaches %(value)s m.", eA.options.accuracyThreshold)',
  },
  {
    name: "accuracy of the location saved before",
    from: '" Previous saved location at " + toDisplayString(unref(truncateDecimals)(rA.value.value, nA)) + " m "',
    to: 'mahallaFormat("savedBefore", "The location saved before was accurate to %(value)s m.", unref(truncateDecimals)(rA.value.value, nA))',
  },
  {
    name: "time taken, in the page's digits",
    from: 'toDisplayString(oA.value) + ":" + toDisplayString(iA.value.toString().padStart(2, "0"))',
    to: 'mahallaDigits(oA.value + ":" + iA.value.toString().padStart(2, "0"))',
  },
  // The date picker (PrimeVue's): days, months' years and the decade in the page's digits.
  {
    name: "date picker years",
    from: "toDisplayString(oA.getYear(cA))",
    to: "toDisplayString(mahallaDigits(oA.getYear(cA)))",
    count: 2,
  },
  {
    name: "date picker days",
    from: "toDisplayString(IA.day)",
    to: "toDisplayString(mahallaDigits(IA.day))",
    count: 2,
  },
  {
    name: "date picker decade",
    from: 'toDisplayString(oA.yearPickerValues[0].value) + " - " + toDisplayString(oA.yearPickerValues[oA.yearPickerValues.length - 1].value)',
    to: 'mahallaDigits(oA.yearPickerValues[0].value + " – " + oA.yearPickerValues[oA.yearPickerValues.length - 1].value)',
  },
  {
    // Month and year cells: month names have no ASCII digits, years do.
    name: "date picker month and year cells",
    from: "toDisplayString(cA.value)",
    to: "toDisplayString(mahallaDigits(cA.value))",
    count: 4,
  },
  {
    name: "powered by",
    from: 'createElementVNode("span", { class: "caption" }, "Powered by")',
    to: 'createElementVNode("span", { class: "caption" }, mahallaText("poweredBy", "Powered by"))',
  },
];

// The form's title: the XForm has one (<h:title>); the version keeps one per language
// (form_title::<language>), given by the page as `mahallaWebFormsTitles`. The title follows
// the language chosen in the form's own menu, then the page's.
const TITLE_HELPER = `
const mahallaTitle = (active, fallback) => {
  const titles = globalThis.mahallaWebFormsTitles || {};
  const code = /\\(([a-z]{2,3})\\)\\s*$/.exec(active?.language || "")?.[1];
  return (code && titles[code]) || titles.page || fallback;
};
`;

CHUNK_PATCHES.push({
  name: "form title in the reader's language",
  from: "toDisplayString(eA.form.definition.bind.form.title)",
  to: "toDisplayString(mahallaTitle(eA.form.currentState.activeLanguage, eA.form.definition.bind.form.title))",
  count: 2,
});

// The map widget (geopoint in a map, geotrace, geoshape): its own chunk, with OpenLayers.
// 1. Base map: Web Forms asks OpenStreetMap's tile server, which our policy refuses and which
//    a phone in the field may not reach. Tiles come from the server the page names (a tile
//    URL template in the settings, on the policy's list) or there are none; the campaign's
//    area and its places are drawn from the page's own data instead, and the map opens on
//    them, so a surveyor can draw a boundary offline with the places around it for reference.
// 2. Words, as in the main chunk; OpenLayers' zoom buttons get their titles from us.
const MAP_HELPER = `
const MAHALLA_REFERENCE = "mahallaReference";
const MAHALLA_REFERENCE_STYLE = [
  { filter: ["==", ["get", "role"], "area"],
    style: { "stroke-color": "#1d5e4f", "stroke-width": 2, "stroke-line-dash": [6, 4] } },
  { else: true,
    style: { "stroke-color": "#4b5563", "stroke-width": 1, "fill-color": "rgba(29, 94, 79, 0.06)",
      "circle-radius": 4, "circle-fill-color": "#4b5563", "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 1, "text-value": ["get", "name"], "text-font": "12px sans-serif",
      "text-fill-color": "#1f2937", "text-stroke-color": "#ffffff", "text-stroke-width": 3,
      "text-offset-y": 12, "text-overflow": true } },
];
const mahallaMapLayers = (TileLayer, TileSource, VectorLayer, VectorSource, GeoJSON) => {
  const map = globalThis.mahallaWebFormsMap || {};
  const layers = [];
  if (map.tiles) {
    const attributions = map.attribution ? [map.attribution] : [];
    layers.push(new TileLayer({ source: new TileSource({ url: map.tiles, attributions }) }));
  }
  if (map.areas?.features?.length) {
    const features = new GeoJSON().readFeatures(map.areas, { featureProjection: "EPSG:3857" });
    const source = new VectorSource({ features });
    const layer = new VectorLayer({ source, style: MAHALLA_REFERENCE_STYLE, declutter: true });
    layer.set(MAHALLA_REFERENCE, true);
    layers.push(layer);
  }
  return layers;
};
const mahallaIsReference = (layer) => !!layer?.get?.(MAHALLA_REFERENCE);
const mahallaFitReference = (map) => {
  const layer = map.getLayers().getArray().find(mahallaIsReference);
  const extent = layer?.getSource().getExtent();
  if (extent && extent.every(Number.isFinite)) {
    map.getView().fit(extent, { padding: [24, 24, 24, 24], maxZoom: 17 });
  }
};
`;

// [key in mahallaWebFormsText, the package's literal, how many times it occurs]
const MAP_WORDS = [
  ["longitude", "Longitude"],
  ["longitudeInvalid", " Longitude is invalid "],
  ["latitude", "Latitude"],
  ["latitudeInvalid", " Latitude is invalid "],
  ["altitude", "Altitude"],
  ["accuracy", "Accuracy"],
  ["importLocation", "Import data to replace location", 2],
  ["deleteShapeTitle", "Delete entire shape?"],
  ["deleteTraceTitle", "Delete entire trace?"],
  ["deleteShape", " Are you sure you want to delete this entire shape and start over? "],
  ["deleteTrace", " Are you sure you want to delete this entire trace and start over? "],
  ["delete", "Delete", 2],
  ["fullScreen", "Full Screen"],
  ["zoomToFit", "Zoom to fit"],
  ["zoomToLocation", "Zoom to current location"],
  ["undo", "Undo last change"],
  ["graphicsTitle", "Graphics issue detected"],
  ["graphics", "Your browser cannot display the map now. Enable graphics acceleration settings."],
  ["noLocation", "Cannot access location"],
  ["locationPermission", "Grant location permission in the browser settings and make sure location is turned on."],
  ["removeSelection", "Remove selection"],
  ["saveSelected", "Save selected"],
  ["noTrace", "No trace saved"],
  ["noShape", "No shape saved"],
  ["noPoint", "No point saved"],
  ["pointSaved", "Point saved", 2],
  ["traceSaved", "Trace saved"],
  ["shapeSaved", "Shape saved"],
  ["featureSaved", "Feature saved"],
  ["capturing", "Capturing location..."],
  ["remove", "Remove"],
  ["removePoint", "Remove point"],
  ["viewDetails", "View details"],
  ["advanced", "Advanced"],
  ["fileEmpty", "File is empty."],
  ["fileType", "Unsupported file type. Please upload a .geojson file."],
  ["fileUnreadable", "Failed to parse file. Ensure it is a valid GeoJSON."],
  ["wrongGeometry", "Incorrect geometry type."],
  ["pasteLabel", "Paste data in ODK format"],
  ["pasteHint", "Enter as: Lat Long Alt Acc (e.g. 45.5 -122.6 15 2; 45.6 -122.7 12 3)"],
  ["uploadLabel", "Upload a GeoJSON file"],
  ["uploadFile", "Upload file"],
  ["save", "Save"],
  ["dragHint", "Press and drag to move a point"],
  ["tapHint", "Tap to place a point"],
  ["tapMoveHint", "Tap to move point"],
  ["locationHint", "Use the location button to center on your current location"],
  ["getLocation", "Get location"],
  ["zoomIn", "Zoom in"],
  ["zoomOut", "Zoom out"],
  ["attributions", "Attributions"],
];

const MAP_PATCHES = [
  {
    name: "map layers: our tiles or none, and the campaign's places",
    from: "layers: [new wy({ source: new Xy() })],",
    to: "layers: mahallaMapLayers(wy, Xy, Hr, Ya, Oc),",
  },
  {
    name: "map opens on the campaign's places",
    from: "}), s = Ap(t), n = Cy(",
    to: "}), mahallaFitReference(t), s = Ap(t), n = Cy(",
  },
  {
    // Tapping the map selects the surveyor's own feature, never a reference place.
    name: "reference places cannot be selected",
    from: "layerFilter: (A) => A instanceof Hr,",
    to: "layerFilter: (A) => A instanceof Hr && !mahallaIsReference(A),",
  },
  {
    name: "map: the selected point's coordinates",
    from: "g = [`Longitude: ${h}`, `Latitude: ${u}`];",
    to: 'g = [mahallaFormat("longitudeValue", "Longitude: %(value)s", h), mahallaFormat("latitudeValue", "Latitude: %(value)s", u)];',
  },
  {
    name: "map: the selected point's altitude and accuracy",
    from: 'g.push(`Altitude: ${d} m`), f != null && g.push(`Accuracy: ${ld(f, { decimals: 3 })}`), g.join(", ");',
    to: 'g.push(mahallaFormat("altitudeValue", "Altitude: %(value)s m", d)), f != null && g.push(mahallaFormat("accuracyValue", "Accuracy: %(value)s m", ld(f, { decimals: 3 }))), g.join(mahallaText("comma", ",") + " ");',
  },
  {
    name: "map: points saved",
    from: "const f = `${d} points saved`;",
    to: 'const f = mahallaText("pointsSaved", "%(count)s points saved", d);',
  },
  ...MAP_WORDS.map(([key, literal, count = 1]) => ({
    name: `map words: ${literal.trim()}`,
    from: JSON.stringify(literal),
    to: `mahallaText(${JSON.stringify(key)}, ${JSON.stringify(literal)})`,
    count,
  })),
];

const INJECTED_CSS =
  /^\(function\(\)\{"use strict";try\{if\(typeof document<"u"\)\{var r=document\.createElement\("style"\);r\.appendChild\(document\.createTextNode\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)\),document\.head\.appendChild\(r\)\}\}catch\(t\)\{console\.error\("vite-plugin-css-injected-by-js",t\)\}\}\)\(\);/;
const RESET_CSS = /const resetStyles = (`(?:[^`\\]|\\.)*`)/;

function literal(source) {
  // The package's own string literal, evaluated in an empty context: no code of ours runs.
  return vm.runInNewContext(source, {}, { timeout: 1000 });
}

function replaceExactly(code, patch, file) {
  const expected = patch.count ?? 1;
  const count = code.split(patch.from).length - 1;
  if (count !== expected) {
    throw new Error(
      `web-forms patch "${patch.name}" matched ${count} times in ${file} (expected ` +
        `${expected}); the patches in frontend/webforms/patches.mjs are written for ` +
        `@getodk/web-forms ${EXPECTED_VERSION}`,
    );
  }
  return code.split(patch.from).join(patch.to);
}

export default function odkWebFormsPatches({ version }) {
  if (version !== EXPECTED_VERSION) {
    throw new Error(
      `@getodk/web-forms ${version} is installed; frontend/webforms/patches.mjs is for ` +
        `${EXPECTED_VERSION}: check each patch against the new version, then update it`,
    );
  }
  let componentCss = null;
  let resetCss = null;
  return {
    name: "mahalla-odk-web-forms-patches",
    enforce: "pre",
    resolveId(id) {
      return id === CSS_ID ? CSS_ID : null;
    },
    load(id) {
      if (id !== CSS_ID) return null;
      if (componentCss == null || resetCss == null) {
        throw new Error("web-forms patches: the package's CSS was not found before it was needed");
      }
      // The reset first, as the package prepends it to <head>; then the components. The reset
      // is meant for a page that is only the form (it reverts <body> and every <button>), so it
      // is nested under the island's element: the rest of our page keeps its own styles.
      // The components' @font-face rules (Roboto and Hanken Grotesk as data: URLs) go: the
      // policy allows fonts from our server only, and the form uses the page's fonts.
      const withoutFonts = componentCss.replace(/@font-face\s*\{[^}]*\}/g, "");
      // `:where()` keeps the reset as weak as the original element selectors, below PrimeVue.
      return `:where(.webform-host) {\n${resetCss}\n}\n${withoutFonts}`;
    },
    transform(code, id) {
      const file = id.split("node_modules/")[1] || id;
      if (!file.startsWith("@getodk/web-forms/dist/")) return null;
      if (/\/dist\/index\.js$/.test(id)) {
        const match = code.match(INJECTED_CSS);
        if (!match) throw new Error(`web-forms patch "component styles" found nothing in ${file}`);
        componentCss = literal(match[1]);
        return { code: code.replace(INJECTED_CSS, () => ""), map: null };
      }
      if (/\/dist\/index-[^/]+\.js$/.test(id)) {
        const reset = code.match(RESET_CSS);
        if (!reset) throw new Error(`web-forms patch "reset styles" found nothing in ${file}`);
        resetCss = literal(reset[1]);
        let patched = code;
        for (const patch of CHUNK_PATCHES) patched = replaceExactly(patched, patch, file);
        // The CSS module is imported by the chunk every other module of the package needs.
        const helpers = `${TEXT_HELPER}${TITLE_HELPER}`;
        return { code: `import ${JSON.stringify(CSS_ID)};\n${helpers}${patched}`, map: null };
      }
      if (/\/dist\/MapBlock-[^/]+\.js$/.test(id)) {
        let patched = code;
        for (const patch of MAP_PATCHES) patched = replaceExactly(patched, patch, file);
        return { code: `${TEXT_HELPER}${MAP_HELPER}${patched}`, map: null };
      }
      if (/createElement\("style"\)/.test(code) && !/MapBlock-/.test(id)) {
        throw new Error(`${file} injects a <style> element that no patch handles`);
      }
      return null;
    },
  };
}
