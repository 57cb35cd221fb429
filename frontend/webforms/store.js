// Drafts and the queue of finished forms, kept in IndexedDB on this device.
//
// Every record carries the signed-in person's id: on a shared phone one person's drafts and
// queue are neither shown to nor sent by the next person who signs in.
const DB_NAME = "mahalla-webforms";
const DB_VERSION = 1;

let opened = null;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("drafts", { keyPath: "key" });
      const queue = db.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
      queue.createIndex("user", "user");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run(store, mode, action) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const draftKey = (user, formKey) => `${user}|${formKey}`;

export const getDraft = (key) => run("drafts", "readonly", (s) => s.get(key));
export const putDraft = (draft) => run("drafts", "readwrite", (s) => s.put(draft));
export const deleteDraft = (key) => run("drafts", "readwrite", (s) => s.delete(key));

export const addQueued = (item) => run("queue", "readwrite", (s) => s.add(item));
export const putQueued = (item) => run("queue", "readwrite", (s) => s.put(item));
export const deleteQueued = (id) => run("queue", "readwrite", (s) => s.delete(id));
export const queuedFor = (user) =>
  run("queue", "readonly", (s) => s.index("user").getAll(IDBKeyRange.only(user)));
