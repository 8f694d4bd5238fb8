/**
 * Passwords live only in main. They are encrypted with an OS-backed cipher (Electron safeStorage in
 * the app) and kept in one file in the user-data directory. A cipher that is not backed by the OS
 * keychain makes saving refuse with a clear error rather than write a recoverable secret.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CodedError } from '../../shared/result';

export interface Cipher {
  /** False when no OS-level protection is available (e.g. Linux without a keyring). */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
  /** Human name of the backend for the settings screen. */
  backend(): string;
}

export interface SecretStore {
  available(): boolean;
  backend(): string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
}

export function createFileSecretStore(file: string, cipher: Cipher): SecretStore {
  let cache: Record<string, string> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<Record<string, string>> {
    if (cache) return cache;
    try {
      cache = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      cache = {};
    }
    return cache;
  }

  async function persist(data: Record<string, string>): Promise<void> {
    const run = async () => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
      await rename(tmp, file);
    };
    writing = writing.then(run, run);
    await writing;
  }

  return {
    available: () => cipher.available(),
    backend: () => cipher.backend(),
    async get(key) {
      const data = await load();
      const sealed = data[key];
      if (sealed === undefined) return undefined;
      if (!cipher.available()) throw new CodedError('secrets-unavailable', 'The system keychain is not available, so the saved password cannot be read.');
      return cipher.decrypt(Buffer.from(sealed, 'base64'));
    },
    async set(key, value) {
      if (!cipher.available()) {
        throw new CodedError(
          'secrets-unavailable',
          `Passwords are not saved: no OS keychain is available (${cipher.backend()}). Install and unlock a keyring (GNOME Keyring or KWallet) and try again.`,
        );
      }
      const data = await load();
      data[key] = cipher.encrypt(value).toString('base64');
      await persist(data);
    },
    async delete(key) {
      const data = await load();
      if (key in data) {
        delete data[key];
        await persist(data);
      }
    },
    async has(key) {
      return key in (await load());
    },
  };
}
