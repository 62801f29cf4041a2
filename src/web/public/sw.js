// The portal's service worker, kept small on purpose: it only keeps an offline page (and what that page
// needs) so a phone without a connection shows something useful. It never stores an API answer, a page
// of the app or anything else that could hold personal data; every other request goes to the network as
// if there were no service worker.
const CACHE = 'learncity-offline-v1';
const OFFLINE = ['/offline.html', '/offline.js', '/offline.css', '/favicon.svg', '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A page of the portal: from the network always; the offline page only when the network fails.
  if (request.mode === 'navigate' && !url.pathname.startsWith('/console') && !url.pathname.startsWith('/api/')) {
    event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
    return;
  }
  // The offline page's own files, when that page is showing.
  if (OFFLINE.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
  }
});
