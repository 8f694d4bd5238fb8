/**
 * Watches a file for growth, truncation and replacement: fs.watch on its directory (so renames
 * and re-creation are seen) plus a stat poll as a fallback for file systems where fs.watch is
 * silent (network shares, some containers). Calls `onChange` once per observed change of
 * (dev, inode, size, mtime), debounced.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface FileWatchOptions {
  pollMs?: number;
  debounceMs?: number;
  onChange(): void;
  onError?(message: string): void;
}

export interface FileWatch {
  close(): void;
  /** Resolves after the watcher has taken its first look at the file. */
  ready: Promise<void>;
}

async function signature(path: string): Promise<string> {
  try {
    const st = await stat(path);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch (e) {
    return `missing:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

export function watchFile(path: string, opts: FileWatchOptions): FileWatch {
  const pollMs = opts.pollMs ?? 2000;
  const debounceMs = opts.debounceMs ?? 150;
  let last: string | undefined;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FSWatcher | undefined;
  let checking = Promise.resolve();

  const check = () => {
    checking = checking.then(async () => {
      if (closed) return;
      const sig = await signature(path);
      if (closed) return;
      if (last !== undefined && sig !== last) opts.onChange();
      last = sig;
    });
    return checking;
  };
  const soon = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), debounceMs);
  };

  const base = basename(path);
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      // Some platforms omit the name; then any change in the directory triggers a look.
      if (!filename || filename.toString() === base || filename.toString().startsWith(base)) soon();
    });
    watcher.on('error', (e) => opts.onError?.(`watch: ${e.message}`));
  } catch (e) {
    opts.onError?.(`watch unavailable, polling every ${pollMs} ms: ${(e as Error).message}`);
  }
  const poll = setInterval(() => void check(), pollMs);
  poll.unref?.();
  const ready = check();

  return {
    ready,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    },
  };
}
