// The meeting screen offline: entries are kept in this browser (localStorage) and sent one
// by one when there is a connection, each with the key the page gave it, so a resend never
// posts twice. Without this script the form posts as a plain form, also safely.
(function () {
  "use strict";
  var form = document.getElementById("meeting-form");
  if (!form || !window.localStorage || !window.fetch) return;
  var status = document.getElementById("sync-status");
  var errorsList = document.getElementById("sync-errors");
  var storeKey = "mahalla:meeting:" + form.dataset.meeting;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var syncing = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save(queue) {
    if (queue.length) localStorage.setItem(storeKey, JSON.stringify(queue));
    else localStorage.removeItem(storeKey);
  }
  function freshKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function show(text) { status.textContent = text; status.hidden = !text; }
  function refused(name, messages) {
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = (name ? name + ": " : "") + message;
      errorsList.appendChild(item);
    });
    errorsList.hidden = false;
  }
  function report(queue) {
    if (queue.length) show(form.dataset.msgWaiting + " " + numbers.format(queue.length));
    else show("");
  }

  function collect() {
    var entries = [];
    form.querySelectorAll(".meeting-row").forEach(function (row) {
      var member = row.dataset.member;
      var name = row.dataset.name;
      var fineKind = row.querySelector("[data-role=fine-kind]");
      row.querySelectorAll("[data-type]").forEach(function (input) {
        var type = input.dataset.type;
        var keyInput = row.querySelector("[data-key-for=" + type + "]");
        var entry = { type: type, member: member, name: name, key: keyInput.value };
        if (type === "attendance") {
          entry.present = input.checked;
        } else if (type === "benefit") {
          if (!input.value) return;
          entry.benefit = input.value;
        } else {
          if (!input.value.trim()) return;
          entry.amount = input.value.trim();
          if (type === "fine") entry.fine = fineKind.value;
        }
        entries.push(entry);
        // A new key for whatever is typed next on this page: the kept entry keeps its own.
        keyInput.value = freshKey();
        if (type !== "attendance") input.value = "";
      });
      var note = row.querySelector(".queued");
      note.textContent = form.dataset.msgQueued;
      note.hidden = false;
    });
    return entries;
  }

  function sync() {
    if (syncing) return Promise.resolve();
    var queue = load();
    report(queue);
    if (!queue.length) return Promise.resolve();
    syncing = true;
    var sentAny = false;
    function next() {
      queue = load();
      if (!queue.length) {
        syncing = false;
        show(form.dataset.msgSent);
        if (sentAny && errorsList.hidden) window.location.reload();
        return Promise.resolve();
      }
      var entry = queue[0];
      var url = form.dataset.entryUrl.replace("KEY", entry.key);
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(entry),
      }).then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 403) {
          syncing = false;
          show(form.dataset.msgSignin);
          return null;
        }
        return response.json().then(function (body) {
          if (response.status >= 400) refused(entry.name, body.errors || []);
          sentAny = true;
          save(load().filter(function (e) { return e.key !== entry.key; }));
          return next();
        });
      }, function () {
        syncing = false;
        show(form.dataset.msgOffline + " " + form.dataset.msgWaiting + " " +
             numbers.format(load().length));
        return null;
      });
    }
    return next();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var queue = load().concat(collect());
    save(queue);
    report(queue);
    if (navigator.onLine === false) {
      show(form.dataset.msgOffline + " " + form.dataset.msgWaiting + " " +
           numbers.format(queue.length));
      return;
    }
    sync();
  });
  // The page may be the copy the service worker kept (opened with no connection): the keys
  // rendered into it may already have been sent, so every entry typed here gets a new one.
  // (Without this script the plain form keeps the rendered keys: a double submit posts once.)
  form.querySelectorAll("[data-key-for]").forEach(function (input) { input.value = freshKey(); });

  // Keep this page and its files on the phone, so the meeting opens again offline.
  function keepForOffline() {
    if (!("serviceWorker" in navigator) || !form.dataset.swUrl) return;
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "cached") document.body.dataset.meetingCached = "true";
    });
    navigator.serviceWorker.register(form.dataset.swUrl).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (ready) {
      // What this page loaded before the worker controlled it (not the entries it posted).
      var files = performance.getEntriesByType("resource").filter(function (entry) {
        return entry.name.indexOf(location.origin) === 0 &&
          entry.initiatorType !== "fetch" && entry.initiatorType !== "xmlhttprequest";
      }).map(function (entry) { return entry.name; });
      if (ready.active) ready.active.postMessage({ type: "cache", urls: [location.href].concat(files) });
    }).catch(function (error) {
      console.warn("service worker not started", error); // the page still works online
    });
  }

  window.addEventListener("online", sync);
  sync();
  if (navigator.onLine === false && !load().length) show(form.dataset.msgOffline);
  keepForOffline();
})();
