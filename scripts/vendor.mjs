// Copies the front-end files the pages use from node_modules into static/vendor.
// Third-party code is never committed: static/vendor is git-ignored and rebuilt by `make setup`.
//
// Source maps: a vendored file that names one (`//# sourceMappingURL=x.map`) gets that map
// copied beside it, rather than the comment stripped. Django's manifest storage follows the
// comment during `collectstatic` and fails when the map is absent; copying keeps every vendored
// file byte-identical to the published package (so it can be compared with npm's) and lets
// browser tools show the library's own sources when a production error has to be read.
// After copying, every vendored JS/CSS file is checked: a source map, `@import` or `url(...)`
// it names that is not in static/vendor stops the set-up here, not in `collectstatic` later.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const out = join(root, "static", "vendor");
const nm = join(root, "node_modules");

const files = {
  "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
  "maplibre/maplibre-gl.js": "maplibre-gl/dist/maplibre-gl.js",
  "maplibre/maplibre-gl.css": "maplibre-gl/dist/maplibre-gl.css",
  "maplibre/LICENSE.txt": "maplibre-gl/LICENSE.txt",
  "rtl-text/mapbox-gl-rtl-text.js": "@mapbox/mapbox-gl-rtl-text/dist/mapbox-gl-rtl-text.js",
  "echarts/echarts.min.js": "echarts/dist/echarts.min.js",
  "fonts/vazirmatn": "@fontsource/vazirmatn/files",
  "fonts/sarabun": "@fontsource/sarabun/files",
};

const SOURCE_MAP = /[#@]\s*sourceMappingURL=([^\s'"*]+)/g;
const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;

function fail(message) {
  console.error(message);
  process.exit(1);
}

// Only relative references point into static/vendor; data:, blob:, absolute URLs and
// fragment-only references (SVG filters) are not files to copy.
function isLocal(ref) {
  return !/^(data:|blob:|[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(ref);
}

function referencesOf(path) {
  const text = readFileSync(path, "utf8");
  const refs = [...text.matchAll(SOURCE_MAP)].map((m) => m[1]);
  if (path.endsWith(".css")) {
    for (const m of text.matchAll(CSS_URL)) refs.push(m[2] ?? m[4]);
  }
  return refs.map((ref) => ref.split(/[?#]/)[0]).filter((ref) => ref && isLocal(ref));
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

rmSync(out, { recursive: true, force: true });
for (const [dest, src] of Object.entries(files)) {
  const from = join(nm, src);
  if (!existsSync(from)) fail(`missing ${src}: run npm ci first`);
  const to = join(out, dest);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
  if (statSync(from).isFile() && /\.(js|css)$/.test(from)) {
    for (const ref of referencesOf(from).filter((r) => r.endsWith(".map"))) {
      const map = join(dirname(from), ref);
      if (!existsSync(map)) fail(`${src} names the source map ${ref}, which its package lacks`);
      cpSync(map, join(dirname(to), ref));
    }
  }
}

const absent = [];
for (const path of walk(out).filter((p) => /\.(js|css)$/.test(p))) {
  for (const ref of referencesOf(path)) {
    if (!existsSync(join(dirname(path), ref))) absent.push(`${relative(out, path)} -> ${ref}`);
  }
}
if (absent.length) {
  fail(`vendored files name files that are not vendored:\n  ${absent.join("\n  ")}`);
}
console.log(`vendored ${Object.keys(files).length} front-end packages into static/vendor`);
