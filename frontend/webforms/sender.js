// Sends the queued forms, one at a time, when the browser is online; retries with backoff.
//
// Background Sync is not used: the CSRF token is in a cookie that only a page can read, and a
// session that expired needs the person to sign in, so sending belongs to an open page.
import { putQueued, queuedFor } from "./store.js";

const FIRST_RETRY = 5_000;
const LONGEST_RETRY = 5 * 60_000;
const WAITING = new Set(["queued", "sending", "signIn"]);

function csrfToken(cookieName) {
  const cookie = document.cookie.split("; ").find((part) => part.startsWith(`${cookieName}=`));
  if (cookie) return decodeURIComponent(cookie.slice(cookieName.length + 1));
  // Without a readable cookie, the token the page was rendered with (base.html's hx-headers).
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch {
    return "";
  }
}

function body(item) {
  const data = new FormData();
  data.append("xml_submission_file", new File([item.xml], "submission.xml", { type: "text/xml" }));
  for (const file of item.attachments || []) data.append(file.name, file, file.name);
  return data;
}

async function answer(response) {
  if (response.type === "opaqueredirect" || response.status === 401) return { status: "signIn" };
  const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
  if (!isJson) {
    // Django's own refusal pages (a stale CSRF token after signing in again) are HTML.
    return response.status === 403 ? { status: "signIn" } : { status: "queued", retry: true };
  }
  const result = await response.json();
  if (response.status === 201 || response.status === 202) {
    return { status: "sent", message: result.message };
  }
  if (response.status >= 500) return { status: "queued", retry: true };
  return { status: "rejected", message: result.message };
}

export function createSender({ user, csrfCookie, onChange }) {
  let busy = false;
  let timer = null;
  let attempt = 0;

  function schedule() {
    clearTimeout(timer);
    const delay = Math.min(FIRST_RETRY * 2 ** attempt, LONGEST_RETRY);
    attempt += 1;
    timer = setTimeout(flush, delay);
  }

  async function flush() {
    if (busy) return;
    if (!navigator.onLine) return;
    busy = true;
    let retry = false;
    try {
      const items = (await queuedFor(user)).filter((item) => WAITING.has(item.status));
      for (const item of items) {
        item.status = "sending";
        await putQueued(item);
        onChange();
        let outcome;
        try {
          const response = await fetch(item.submitUrl, {
            method: "POST",
            body: body(item),
            headers: { "X-CSRFToken": csrfToken(csrfCookie) },
            credentials: "same-origin",
            redirect: "manual",
          });
          outcome = await answer(response);
        } catch {
          outcome = { status: "queued", retry: true }; // no connection after all
        }
        item.status = outcome.status;
        item.message = outcome.message || "";
        if (outcome.status === "sent") item.sentAt = Date.now();
        await putQueued(item);
        onChange();
        if (outcome.retry || outcome.status === "signIn") {
          retry = outcome.retry;
          break;
        }
      }
    } finally {
      busy = false;
    }
    if (retry) {
      schedule();
    } else {
      attempt = 0;
    }
  }

  window.addEventListener("online", () => {
    attempt = 0;
    flush();
  });
  return { flush };
}
