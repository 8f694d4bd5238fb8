/**
 * The e2e host's stand-in for Electron safeStorage: AES-256-GCM with a key that lives only in the
 * test process. It exercises the same secret-store code path; it is not shipped.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from '../../src/main/secrets/secret-store';

export function testCipher(available = true): Cipher {
  const key = randomBytes(32);
  return {
    available: () => available,
    backend: () => (available ? 'test-aes-gcm' : 'basic_text'),
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
