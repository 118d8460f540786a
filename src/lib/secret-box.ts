import crypto from 'node:crypto';
import { sessionSecret } from '../config/env.js';

/**
 * Small secrets kept in the database (a repair's device passcode): AES-256-GCM under a key derived from
 * the server's secret for this purpose only. A leaked table gives nothing away; changing SESSION_SECRET
 * makes older values unreadable (they are shown as such, never as garbage).
 */
function key(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', sessionSecret(), Buffer.alloc(0), `secret-box:${purpose}`, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function seal(purpose: string, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(purpose), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain text, or null when the value was not sealed for this purpose under the current secret. */
export function open(purpose: string, sealed: string): string | null {
  const [v, iv, tag, data] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || data === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key(purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
