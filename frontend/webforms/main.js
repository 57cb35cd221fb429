// The web-form island: ODK Web Forms on a Django page, with drafts and a send queue kept on the
// device and a service worker that lets the page open offline.
//
// Everything the page says comes translated from the Django template (json_script elements);
// this file holds no user-visible English.
import { createApp, h, ref } from "vue";
import { OdkWebForm, POST_SUBMIT__NEW_INSTANCE, webFormsPlugin } from "@getodk/web-forms";
import "./webforms.css";
import { createQueuePanel } from "./panel.js";
import { createSender } from "./sender.js";
import { addQueued, deleteDraft, draftKey, getDraft, putDraft } from "./store.js";

const DRAFT_DELAY = 600;

const host = document.getElementById("webform");
const config = JSON.parse(document.getElementById("webform-config").textContent);
const strings = JSON.parse(document.getElementById("webform-strings").textContent);
const pageLanguage = document.documentElement.lang || "en";
const numbers = new Intl.NumberFormat(pageLanguage);
// Coordinates and metres with every decimal the phone gave, in the page's digits.
const measures = new Intl.NumberFormat(pageLanguage, { maximumFractionDigits: 7, useGrouping: false });
const digit = (d) => numbers.format(Number(d));
globalThis.mahallaWebFormsText = {
  ...strings.odk,
  number: (n) => numbers.format(n),
  coordinate: (n) => measures.format(n),
  digits: (text) => text.replace(/[0-9]/g, digit),
};
globalThis.mahallaWebFormsLocale = calendarLocale(pageLanguage, strings.calendar);
// The form's title per language, and what its map widget draws (patches.mjs reads both).
globalThis.mahallaWebFormsTitles = config.titles || {};
globalThis.mahallaWebFormsMap = config.map || {};

// The date picker's locale (PrimeVue's): its words from Django, day and month names from the
// browser's ICU data. The picker counts Gregorian months, so the names are the Gregorian
// calendar's in the page's language (Persian's default calendar is the Solar Hijri one).
function calendarLocale(language, words) {
  const tag = `${language}-u-ca-gregory`;
  const names = (options, count, make) =>
    Array.from({ length: count }, (_, i) => new Intl.DateTimeFormat(tag, options).format(make(i)));
  const day = (i) => new Date(Date.UTC(2023, 0, 1 + i, 12)); // 1 January 2023 was a Sunday
  const month = (i) => new Date(Date.UTC(2023, i, 15, 12));
  return {
    ...words,
    dayNames: names({ weekday: "long", timeZone: "UTC" }, 7, day),
    dayNamesShort: names({ weekday: "short", timeZone: "UTC" }, 7, day),
    dayNamesMin: names({ weekday: "narrow", timeZone: "UTC" }, 7, day),
    monthNames: names({ month: "long", timeZone: "UTC" }, 12, month),
    monthNamesShort: names({ month: "short", timeZone: "UTC" }, 12, month),
  };
}

const key = draftKey(config.user, config.formKey);
const draftNotice = document.getElementById("webform-draft");
const flash = document.getElementById("webform-flash");

function say(text) {
  flash.textContent = text;
  flash.hidden = !text;
}

const panel = createQueuePanel({ user: config.user, formKey: config.formKey, strings });
const sender = createSender({
  user: config.user,
  csrfCookie: config.csrfCookie,
  onChange: () => panel.render(),
});

// -- the form's state, reported by the patched component (frontend/webforms/patches.mjs)

let root = null;
let restored = false;

function languageFor(form) {
  if (!config.language) return null;
  const wanted = `(${config.language})`;
  return form.languages.find((l) => !l.isSyntheticDefault && l.language.endsWith(wanted)) || null;
}

function onFormState(state) {
  if (state.status !== "FORM_STATE_SUCCESS") {
    host.dataset.state = state.status === "FORM_STATE_FAILURE" ? "failed" : "loading";
    return;
  }
  root = state.root;
  const language = languageFor(root);
  if (language) root.setLanguage(language);
  baseline = restored ? null : serialise(root).then(comparable);
  restored = false;
  host.dataset.state = "ready";
}

// -- drafts: saved as the surveyor types, restored when the page opens again

let draftTimer = null;
// The empty form as it opened: a "draft" equal to it is no draft (a click on Send, on a group's
// header, or a field typed and cleared again). Times the form records itself are left out.
let baseline = null;
const TIMESTAMP = /\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?/g;
const comparable = ({ xml, attachments }) =>
  attachments.length ? null : xml.replace(TIMESTAMP, "");

async function serialise(form) {
  const payload = await form.prepareInstancePayload({ payloadType: "monolithic" });
  const [data] = payload.data;
  return { xml: await data.instanceFile.text(), attachments: data.attachments };
}

async function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = null;
  if (!root) return;
  const { xml, attachments } = await serialise(root);
  if (baseline && comparable({ xml, attachments }) === (await baseline)) {
    await deleteDraft(key);
    delete host.dataset.draft;
    return;
  }
  await putDraft({ key, user: config.user, xml, attachments, savedAt: Date.now() });
  host.dataset.draft = "saved";
}

function draftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraft, DRAFT_DELAY);
}

for (const type of ["input", "change", "click"]) host.addEventListener(type, draftSoon);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden" && draftTimer) saveDraft();
});

function restoreOptions(draft) {
  const resolveInstance = async () => draft.xml;
  resolveInstance.restoresDraft = true; // the engine's restore mode, not an edit
  const files = new Map((draft.attachments || []).map((file) => [file.name, file]));
  return {
    resolveInstance,
    attachmentFileNames: [...files.keys()],
    resolveAttachment: async (name) =>
      new Response(files.get(name), { headers: { "Content-Type": files.get(name).type } }),
  };
}

// -- finished forms go to the queue first, then to the server

async function onSubmit(payload, done) {
  const [data] = payload.data;
  await addQueued({
    user: config.user,
    formKey: config.formKey,
    submitUrl: config.submitUrl,
    xml: await data.instanceFile.text(),
    attachments: data.attachments,
    createdAt: Date.now(),
    status: "queued",
    message: "",
  });
  clearTimeout(draftTimer);
  draftTimer = null;
  await deleteDraft(key);
  draftNotice.hidden = true;
  done({ next: POST_SUBMIT__NEW_INSTANCE });
  window.scrollTo(0, 0);
  say(navigator.onLine ? strings.sending : strings.savedOffline);
  await panel.render();
  await sender.flush();
}

// -- media and the XForm (the service worker keeps both for offline use)

function mediaUrl(name) {
  return config.mediaUrl.replace("__name__", encodeURIComponent(name));
}

async function fetchFormAttachment(url) {
  const name = decodeURIComponent(String(url.pathname ?? url).split("/").pop());
  return fetch(mediaUrl(name), { credentials: "same-origin" });
}

// -- the service worker

async function startServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register(config.serviceWorkerUrl, { scope: config.scope });
    const ready = await navigator.serviceWorker.ready;
    // What this page loaded before the worker controlled it: itself, its files, the form.
    const loaded = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(location.origin) && !url.includes("/submission/"));
    const urls = [location.href, config.xformUrl, ...config.media.map(mediaUrl), ...loaded];
    ready.active?.postMessage({ type: "cache", urls: [...new Set(urls)] });
  } catch (error) {
    console.warn("service worker not started", error); // the page still works online
  }
}

navigator.serviceWorker?.addEventListener("message", (event) => {
  if (event.data?.type === "cached") document.body.dataset.webformsCached = "true";
});

// -- start

async function start() {
  let formXml;
  try {
    const response = await fetch(config.xformUrl, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`XForm: ${response.status}`);
    formXml = await response.text();
  } catch {
    host.dataset.state = "failed";
    host.textContent = strings.loadFailed;
    return;
  }
  const draft = await getDraft(key).catch(() => null);
  const editInstance = ref(draft ? restoreOptions(draft) : null);
  restored = Boolean(draft);
  const generation = ref(0);
  draftNotice.hidden = !restored;

  const app = createApp({
    render: () =>
      h(OdkWebForm, {
        key: generation.value,
        formXml,
        fetchFormAttachment,
        editInstance: editInstance.value,
        onSubmit,
        onFormState,
      }),
  });
  // PrimeVue writes its theme into <style> elements: they carry this page's nonce, read from
  // the stylesheet link's `nonce` property (CSS cannot see it; the attribute reads empty).
  globalThis.mahallaWebFormsNonce = document.getElementById("webform-style")?.nonce || undefined;
  app.use(webFormsPlugin);
  host.textContent = "";
  app.mount(host);

  document.getElementById("webform-discard").addEventListener("click", async () => {
    if (!window.confirm(strings.discardConfirm)) return;
    clearTimeout(draftTimer);
    draftTimer = null;
    await deleteDraft(key);
    root = null;
    editInstance.value = null;
    generation.value += 1; // a fresh, empty form
    draftNotice.hidden = true;
    delete host.dataset.draft;
  });
}

panel.onSend(() => sender.flush());
panel.render();
start();
startServiceWorker();
sender.flush();
