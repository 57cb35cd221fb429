// Copies the front-end files the pages use from node_modules into static/vendor.
// Third-party code is never committed: static/vendor is git-ignored and rebuilt by `make setup`.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";

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

rmSync(out, { recursive: true, force: true });
for (const [dest, src] of Object.entries(files)) {
  const from = join(nm, src);
  if (!existsSync(from)) {
    console.error(`missing ${src}: run npm ci first`);
    process.exit(1);
  }
  const to = join(out, dest);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}
console.log(`vendored ${Object.keys(files).length} front-end packages into static/vendor`);
