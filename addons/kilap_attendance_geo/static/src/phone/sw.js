/* KILAP phone page service worker: keeps the page shell available offline.
 * Served from /my/kilap/sw.js (scope /my/kilap). Never touches POST requests:
 * check-ins and journal entries queue in IndexedDB in the page itself. */
"use strict";

const CACHE = "kilap-phone-v1";
const PAGE = "/my/kilap";
const STATIC = "/kilap_attendance_geo/static/src/phone/";
const SHELL = [
    `${STATIC}phone.css`,
    `${STATIC}phone.js`,
    `${STATIC}icon-192.png`,
    "/my/kilap/manifest.webmanifest",
];

async function cachePage(cache) {
    try {
        const response = await fetch(PAGE, { credentials: "same-origin" });
        if (response.ok && !response.redirected) {
            await cache.put(PAGE, response);
        }
    } catch {
        // offline at install: the page is cached on its next load
    }
}

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches
            .open(CACHE)
            .then((cache) => Promise.all([cache.addAll(SHELL), cachePage(cache)]))
            .then(() => self.skipWaiting()),
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches
            .keys()
            .then((keys) =>
                Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))),
            )
            .then(() => self.clients.claim()),
    );
});

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (url.pathname === PAGE) {
        // network first: fresh data when online, the last page when not
        event.respondWith(
            fetch(request)
                .then((response) => {
                    if (response.ok && !response.redirected) {
                        const copy = response.clone();
                        caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
                    }
                    return response;
                })
                .catch(() => caches.match(PAGE).then((cached) => cached || Response.error())),
        );
        return;
    }
    if (SHELL.includes(url.pathname)) {
        // cache first, refreshed in the background
        event.respondWith(
            caches.match(url.pathname).then((cached) => {
                const network = fetch(request)
                    .then((response) => {
                        if (response.ok) {
                            const copy = response.clone();
                            caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
                        }
                        return response;
                    })
                    .catch(() => cached || Response.error());
                return cached || network;
            }),
        );
    }
});
