// The queue panel: what this device holds for this form, waiting, sent or refused.
import { deleteQueued, queuedFor } from "./store.js";

const KEEP_SENT = 20; // the most recent sent forms stay listed, older ones are forgotten

export function createQueuePanel({ user, formKey, strings }) {
  const list = document.getElementById("webform-queue-list");
  const summary = document.getElementById("webform-queue-summary");
  const sendNow = document.getElementById("webform-send-now");
  const connection = document.getElementById("webform-connection");
  const language = document.documentElement.lang || "en";
  const when = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const numbers = new Intl.NumberFormat(language);
  const label = {
    queued: strings.queued,
    sending: strings.sending,
    sent: strings.sent,
    rejected: strings.rejected,
    signIn: strings.signIn,
  };

  function showConnection() {
    connection.hidden = false;
    connection.textContent = navigator.onLine ? strings.online : strings.offline;
    connection.dataset.online = String(navigator.onLine);
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();

  function row(item) {
    const li = document.createElement("li");
    li.className = `webform-queue-item status-${item.status}`;
    li.dataset.status = item.status;
    const title = document.createElement("span");
    title.className = "webform-queue-when";
    title.textContent = strings.instance.replace("%(time)s", when.format(item.createdAt));
    const state = document.createElement("strong");
    state.className = "webform-queue-status";
    state.textContent = label[item.status] || item.status;
    li.append(title, state);
    if (item.message && item.status === "rejected") {
      const why = document.createElement("span");
      why.className = "webform-queue-message";
      why.textContent = item.message;
      li.append(why);
    }
    if (item.status === "rejected") {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button danger";
      remove.textContent = strings.remove;
      remove.addEventListener("click", async () => {
        if (!window.confirm(strings.removeConfirm)) return;
        await deleteQueued(item.id);
        render();
      });
      li.append(remove);
    }
    return li;
  }

  async function render() {
    const all = (await queuedFor(user)).filter((item) => item.formKey === formKey);
    const sent = all.filter((i) => i.status === "sent").sort((a, b) => b.sentAt - a.sentAt);
    for (const old of sent.slice(KEEP_SENT)) await deleteQueued(old.id);
    const shown = all
      .filter((item) => item.status !== "sent" || sent.slice(0, KEEP_SENT).includes(item))
      .sort((a, b) => b.createdAt - a.createdAt);
    list.replaceChildren(...shown.map(row));
    const waiting = shown.filter((i) => ["queued", "sending", "signIn"].includes(i.status));
    sendNow.hidden = waiting.length === 0;
    summary.textContent = shown.length
      ? `${strings.queued}: ${numbers.format(waiting.length)}`
      : strings.emptyQueue;
    summary.dataset.waiting = String(waiting.length);
  }

  return {
    render,
    onSend(callback) {
      sendNow.addEventListener("click", callback);
    },
  };
}
