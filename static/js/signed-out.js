// On every page shown to someone not signed in: the meeting screens a treasurer kept on this
// phone for offline meetings (service worker caches, with members' names and amounts) are
// deleted. Entries not yet sent are not in these caches: they stay in localStorage until the
// treasurer signs in again and the meeting screen sends them.
(function () {
  "use strict";
  if (!window.caches) return;
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("mahalla-meetings-") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).catch(function () { /* nothing kept, or storage refused: nothing to delete */ });
})();
