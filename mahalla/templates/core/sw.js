{% load static %}
/* A service worker that keeps pages of one scope usable without a connection (mahalla.core.offline).
 *
 * Served from a URL whose folder is its scope: the web-form pages (/surveys/webforms/) and the
 * savings meeting screens (/savings/meetings/). It keeps what such a page needs to open again
 * offline: the page itself, its scripts, styles and fonts, and, for a web form, its XForm and
 * media. Pages are fetched from the network first (they carry a fresh CSRF token and the
 * person's session, and the cached copy is only for when there is no connection); static
 * files, whose names are hashed, come from the cache first. Nothing but GET is answered, and
 * a path ending in the scope's `never` suffix is never kept: the pages keep their own queues.
 */
const CACHE = "{{ cache_name }}";  // the prefix, then hex digits only
const PREFIX = "{{ cache_prefix }}";
const NEVER = "{{ never }}";  // a path suffix, or empty
const SCOPE = new URL(self.registration.scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE)
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
    // Not a redirect: a signed-out visit answers with the login page, never to be kept as
    // the page asked for.
    if (response.ok && response.type === "basic" && !response.redirected) {
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
  } else if (path.startsWith(SCOPE) && !(NEVER && path.endsWith(NEVER))) {
    event.respondWith(networkFirst(request));
  }
});
