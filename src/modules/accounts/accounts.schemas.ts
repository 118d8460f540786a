import { z } from 'zod';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { formEmail, formText, safePath } from '../../lib/validation.js';
import { passwordProblem } from '../../lib/password.js';
import { LOCALES, ROLES } from '../../db/schema.js';

export const Phone = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .transform((v, ctx) => {
    const phone = normaliseCambodianPhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'errors.phone' });
      return z.NEVER;
    }
    return phone;
  });

/** A new password: the policy (length, common passwords) is checked with the form's other fields. */
const NewPassword = z
  .string({ error: 'errors.required' })
  .min(1, 'errors.required')
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const RegisterInput = z
  .object({
    name: formText(120),
    email: formEmail,
    phone: Phone,
    password: NewPassword,
  })
  // The password must not be the email (needs both fields; the service checks it again).
  .refine((v) => passwordProblem(v.password, v.email) !== 'errors.passwordIsEmail', {
    path: ['password'],
    message: 'errors.passwordIsEmail',
  });
export type RegisterInput = z.infer<typeof RegisterInput>;

export const VerifyInput = z.object({
  email: formEmail,
  code: z
    .string({ error: 'errors.required' })
    .trim()
    .regex(/^\d{6}$/, 'errors.codeFormat'),
});
export type VerifyInput = z.infer<typeof VerifyInput>;

export const EmailOnly = z.object({ email: formEmail });

export const LoginInput = z.object({
  email: formEmail,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** The login form's `next`: a same-site path, or '' when none (or an unsafe one) was given. */
export const LoginNext = z.object({ next: safePath('') });

export const ResetInput = z
  .object({ password: NewPassword, confirm: z.string().default('') })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'errors.passwordMismatch' });

export const ProfileInput = z.object({ name: formText(120), phone: Phone });
export type ProfileInput = z.infer<typeof ProfileInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
    password: NewPassword,
    confirm: z.string().default(''),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'errors.passwordMismatch' });

export const LocaleInput = z.object({ locale: z.enum(LOCALES, { error: 'errors.invalid' }) });

export const StaffCreateInput = z.object({
  name: formText(120),
  email: formEmail,
  password: NewPassword,
  role: z.enum(['staff', 'admin'], { error: 'errors.invalid' }),
});
export type StaffCreateInput = z.infer<typeof StaffCreateInput>;

export const RoleInput = z.object({ role: z.enum(ROLES, { error: 'errors.invalid' }) });

/** `/lang/:locale` (a plain link for guests); an unknown locale is 404. */
export const LocaleParam = z.object({ locale: z.string().max(10) });
