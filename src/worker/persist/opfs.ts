/// <reference lib="webworker" />
import type { StoreFiles, SyncFile } from './store.ts';

/**
 * A playground's files in the origin private file system, opened with synchronous access handles
 * (dedicated workers only), and the Web Lock that says which tab owns them. Each playground has its
 * own directory and lock; a second tab finds the lock taken and asks the user before stealing it.
 */

const ROOT = 'playgrounds';
const NAMES = { a: 'snapshot-a.bin', b: 'snapshot-b.bin', log: 'log.bin', log2: 'log-2.bin' } as const;

/** Names a playground may have (the default one, or one the page made up). */
export const PLAYGROUND_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class StorageBlocked extends Error {
  override readonly name = 'StorageBlocked';
}

async function playgroundDir(id: string): Promise<FileSystemDirectoryHandle> {
  if (typeof navigator.storage?.getDirectory !== 'function') {
    throw new StorageBlocked('this browser gives the page no file storage');
  }
  let root: FileSystemDirectoryHandle;
  try {
    root = await navigator.storage.getDirectory();
  } catch (e) {
    throw new StorageBlocked(`the browser refused storage (${e instanceof Error ? e.message : String(e)})`);
  }
  const all = await root.getDirectoryHandle(ROOT, { create: true });
  return all.getDirectoryHandle(id, { create: true });
}

function wrap(h: FileSystemSyncAccessHandle): SyncFile {
  return {
    size: () => h.getSize(),
    read: (at, length) => {
      const buf = new Uint8Array(length);
      const n = h.read(buf, { at });
      return buf.subarray(0, n);
    },
    write: (bytes, at) => {
      const n = h.write(bytes, { at });
      if (n !== bytes.length)
        throw new DOMException('the disk took only part of a write', 'QuotaExceededError');
    },
    truncate: (size) => h.truncate(size),
    close: () => h.close(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the four files. A tab that just lost the lock may hold them for a moment longer, so an
 * open that finds them in use is retried for a few seconds.
 */
export async function openFiles(id: string): Promise<StoreFiles> {
  const dir = await playgroundDir(id);
  const opened: SyncFile[] = [];
  const open = async (name: string): Promise<SyncFile> => {
    const handle = await dir.getFileHandle(name, { create: true });
    for (let attempt = 0; ; attempt++) {
      try {
        const file = wrap(await handle.createSyncAccessHandle());
        opened.push(file);
        return file;
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'NoModificationAllowedError') || attempt >= 60) {
          for (const f of opened) f.close();
          throw e;
        }
        await sleep(50);
      }
    }
  };
  return {
    a: await open(NAMES.a),
    b: await open(NAMES.b),
    log: await open(NAMES.log),
    log2: await open(NAMES.log2),
  };
}

/** Keeps the bytes of a store that could not be read, beside it, so a later version may still read them. */
export async function setAside(id: string, files: Record<string, Uint8Array>): Promise<void> {
  const dir = await (await playgroundDir(id)).getDirectoryHandle('unreadable', { create: true });
  for (const [name, bytes] of Object.entries(files)) {
    const h = await (await dir.getFileHandle(`${name}.bin`, { create: true })).createSyncAccessHandle();
    try {
      h.truncate(0);
      h.write(bytes, { at: 0 });
      h.flush();
    } finally {
      h.close();
    }
  }
}

/** How long a tab waits for the lock before saying another tab has the playground. */
const LOCK_WAIT_MS = 5000;

export interface HeldLock {
  /** Settles when another tab steals the lock. */
  readonly lost: Promise<void>;
  release(): void;
}

/**
 * The playground's lock: null when another tab holds it (unless `steal`). Without the Web Locks
 * API the sync handles' own exclusivity still keeps two tabs from writing the same files.
 */
export function lockPlayground(id: string, steal: boolean): Promise<HeldLock | null> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve({ lost: new Promise(() => {}), release: () => {} });
  return new Promise((resolve) => {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // Without `steal`, wait a moment: a reload's new page can start before the old page's worker let go.
    const request = locks.request(
      `expiry-playground/${id}`,
      steal ? { steal: true } : { signal: AbortSignal.timeout(LOCK_WAIT_MS) },
      async (lock) => {
        if (lock === null) {
          resolve(null);
          return;
        }
        granted = true;
        resolve({ lost, release });
        await held;
      },
    );
    let granted = false;
    const lost = request.then(
      () => new Promise<void>(() => {}),
      () => {
        // Refused before it was granted: the wait timed out, another tab has it.
        if (!granted) resolve(null);
      },
    );
  });
}
