// Builds the web-form island at set-up (`npm run build:webforms`) into static/surveys/webforms/,
// under fixed names without hashes: Django's manifest storage hashes them at collectstatic,
// like every other static file. One script file (no chunks to reference by name) and one CSS
// file; no source maps (a `sourceMappingURL` comment naming an absent file breaks
// collectstatic, as in issue 6).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import odkWebFormsPatches from "./patches.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const webForms = JSON.parse(
  readFileSync(resolve(root, "node_modules/@getodk/web-forms/package.json"), "utf8"),
);

export default defineConfig({
  root: here,
  base: "./",
  logLevel: "warn",
  plugins: [odkWebFormsPatches({ version: webForms.version }), vue()],
  build: {
    outDir: resolve(root, "static/surveys/webforms"),
    emptyOutDir: true,
    sourcemap: false,
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 5000,
    modulePreload: false,
    rollupOptions: {
      input: resolve(here, "main.js"),
      output: {
        format: "es",
        codeSplitting: false,
        entryFileNames: "webforms.js",
        assetFileNames: (asset) =>
          (asset.names?.[0] || asset.name || "").endsWith(".css") ? "webforms.css" : "[name][extname]",
      },
    },
  },
});
