{% load static %}
/* The service worker of the web-form pages (served by surveys:webform_sw, scope /surveys/webforms/).
 *
 * Keeps what a form page needs to open without a connection: the page itself, the island's
 * script and style, the fonts, the XForm and its media. Pages, XForms and media are fetched from
 * the network first (a published version never changes, but the page carries a fresh CSRF token
 * and the person's session); static files, whose names are hashed, come from the cache first.
 * Submissions are never cached: the page keeps its own queue in IndexedDB.
 */
const CACHE = "{{ cache_name }}";  // hex digits only (island.build_id)
const SCOPE = new URL(self.registration.scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("mahalla-webforms-") && name !== CACHE)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

// The page asks for the files it loaded before this worker controlled it.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(
      data.urls.filter(sameOrigin).map((url) => fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok ? cache.put(url, response) : null))
        .catch(() => null)),
    )).then(() => event.source && event.source.postMessage({ type: "cached" })),
  );
});

function sameOrigin(url) {
  try {
    return new URL(url, self.location.href).origin === self.location.origin;
  } catch (error) {
    return false;
  }
}

function networkFirst(request) {
  return fetch(request).then((response) => {
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.open(CACHE)
    .then((cache) => cache.match(request, { ignoreVary: true }))
    .then((cached) => cached || Response.error()));
}

function cacheFirst(request) {
  return caches.open(CACHE).then((cache) => cache.match(request, { ignoreVary: true })
    .then((cached) => cached || fetch(request).then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  const path = new URL(request.url).pathname;
  if (path.startsWith("{% get_static_prefix %}")) {
    event.respondWith(cacheFirst(request));
  } else if (path.startsWith(SCOPE) && !path.endsWith("/submission/")) {
    event.respondWith(networkFirst(request));
  }
});
