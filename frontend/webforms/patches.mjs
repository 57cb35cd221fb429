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
//
// Every patch must match exactly once: a different version of the package stops the build
// here with the patch named, instead of shipping an island that silently misbehaves.
import vm from "node:vm";

const EXPECTED_VERSION = "0.22.0";
const CSS_ID = "\0mahalla-odk-web-forms.css";

const TEXT_HELPER = `
const mahallaText = (key, fallback, count) => {
  const words = globalThis.mahallaWebFormsText || {};
  const text = words[key] || fallback;
  if (count == null) return text;
  return text.replace("%(count)s", words.number ? words.number(count) : String(count));
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
  {
    name: "powered by",
    from: 'createElementVNode("span", { class: "caption" }, "Powered by")',
    to: 'createElementVNode("span", { class: "caption" }, mahallaText("poweredBy", "Powered by"))',
  },
];

const INJECTED_CSS =
  /^\(function\(\)\{"use strict";try\{if\(typeof document<"u"\)\{var r=document\.createElement\("style"\);r\.appendChild\(document\.createTextNode\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)\),document\.head\.appendChild\(r\)\}\}catch\(t\)\{console\.error\("vite-plugin-css-injected-by-js",t\)\}\}\)\(\);/;
const RESET_CSS = /const resetStyles = (`(?:[^`\\]|\\.)*`)/;

function literal(source) {
  // The package's own string literal, evaluated in an empty context: no code of ours runs.
  return vm.runInNewContext(source, {}, { timeout: 1000 });
}

function replaceOnce(code, patch, file) {
  const count = code.split(patch.from).length - 1;
  if (count !== 1) {
    throw new Error(
      `web-forms patch "${patch.name}" matched ${count} times in ${file}; the patches in ` +
        `frontend/webforms/patches.mjs are written for @getodk/web-forms ${EXPECTED_VERSION}`,
    );
  }
  return code.replace(patch.from, () => patch.to);
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
        for (const patch of CHUNK_PATCHES) patched = replaceOnce(patched, patch, file);
        // The CSS module is imported by the chunk every other module of the package needs.
        return { code: `import ${JSON.stringify(CSS_ID)};\n${TEXT_HELPER}${patched}`, map: null };
      }
      if (/createElement\("style"\)/.test(code) && !/MapBlock-/.test(id)) {
        throw new Error(`${file} injects a <style> element that no patch handles`);
      }
      return null;
    },
  };
}
