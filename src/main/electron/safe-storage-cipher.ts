/** Electron safeStorage as the Cipher behind the secret store. */
import { safeStorage } from 'electron';
import type { Cipher } from '../secrets/secret-store';

export function safeStorageCipher(): Cipher {
  const backend = () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os');
  return {
    // On Linux without a keyring Electron falls back to a hard-coded key ("basic_text"): refuse it.
    available: () => safeStorage.isEncryptionAvailable() && backend() !== 'basic_text' && backend() !== 'unknown',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
    backend: () => String(backend()),
  };
}
