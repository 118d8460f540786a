import crypto from 'node:crypto';
import { sessionSecret } from '../config/env.js';

/** A 6-digit one-time code, uniformly random. */
export function generateCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Keyed hash so a leaked table does not give away codes or tokens. */
export function secretHash(value: string): string {
  return crypto.createHmac('sha256', sessionSecret()).update(value).digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
