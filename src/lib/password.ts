import bcrypt from 'bcrypt';
import { COMMON_PASSWORDS } from './common-passwords.js';

const COST = process.env.NODE_ENV === 'test' ? 4 : 12;

export const hashPassword = (plain: string): Promise<string> => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string): Promise<boolean> => bcrypt.compare(plain, hash);

/** A dummy hash compared against when no account exists, so timing does not reveal accounts. */
const DUMMY_HASH = bcrypt.hashSync('timing-equaliser-not-a-password', COST);
export const burnPasswordCheck = (plain: string): Promise<boolean> => bcrypt.compare(plain, DUMMY_HASH);

/** Returns a translation key describing why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 8) return 'errors.passwordTooShort';
  if (password.length > 72) return 'errors.passwordTooLong';
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]))
    return 'errors.passwordIsEmail';
  if (COMMON_PASSWORDS.has(lower)) return 'errors.passwordTooCommon';
  return null;
}
