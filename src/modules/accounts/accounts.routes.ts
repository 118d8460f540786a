import { Router, type Request, type Response } from 'express';
import { allow } from '../../middleware/access.js';
import { AppError, ValidationError } from '../../lib/errors.js';
import { parseInput, TokenParam } from '../../lib/validation.js';
import { flash, LANG_COOKIE } from '../../middleware/locals.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { endSession, renderInvalid, startSession, withForm } from '../../middleware/forms.js';
import { SESSION_COOKIE } from '../../middleware/session.js';
import * as accounts from './accounts.service.js';
import { mergeGuestCart } from '../cart/cart.service.js';
import type { User } from '../../db/schema.js';
import { formatCambodianPhone } from '../../lib/phone.js';
import { addressRoutes } from './addresses.routes.js';
import {
  ChangePasswordInput,
  EmailOnly,
  LoginInput,
  LoginNext,
  ProfileInput,
  RegisterInput,
  ResetInput,
  VerifyInput,
} from './accounts.schemas.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

async function signIn(req: Request, res: Response, user: User): Promise<void> {
  const guestCartId = req.session.cartId;
  const guestOrders = req.session.guestOrders;
  await startSession(req, user);
  if (guestOrders) req.session.guestOrders = guestOrders;
  if (guestCartId) await mergeGuestCart(guestCartId, user.id);
  res.cookie(LANG_COOKIE, user.locale, { maxAge: YEAR_MS, sameSite: 'lax', httpOnly: true });
}

/**
 * Where a login lands: the safe `next` the form carried (other than the home page), else the back
 * office for staff and admins, the home page for customers.
 */
function landingAfterLogin(user: User, next: string): string {
  if (next && next !== '/') return next;
  return user.role === 'customer' ? '/' : '/admin';
}

function sendToVerify(req: Request, res: Response, email: string, notice: string): void {
  req.session.verifyEmail = email;
  flash(req, 'info', req.t(notice));
  res.redirect(303, '/verify');
}

export function accountRoutes(): Router {
  const r = Router();
  const limits = {
    register: formLimits({ name: 'register', windowMinutes: 60, limit: 20 }),
    login: formLimits({
      name: 'login',
      windowMinutes: 15,
      limit: 50,
      perAccountFailures: 10,
      skipSuccessfulRequests: true,
    }),
    verify: formLimits({ name: 'verify', windowMinutes: 15, limit: 50, perAccountFailures: 20 }),
    resend: formLimits({ name: 'resend', windowMinutes: 60, limit: 30, perAccount: 6 }),
    forgot: formLimits({ name: 'forgot', windowMinutes: 60, limit: 20, perAccount: 5 }),
    // Reset links are 256-bit random, but guessing them still meets a limit (failed tries only).
    reset: formLimits({ name: 'reset', windowMinutes: 15, limit: 20, skipSuccessfulRequests: true }),
  };

  r.get('/register', allow.visitor, (req, res) => {
    if (req.user) return res.redirect(303, '/account');
    res.render('accounts/register', { title: req.t('register.title') });
  });

  r.post('/register', allow.visitor, ...limits.register, (req, res) =>
    withForm(req, res, 'accounts/register', { title: req.t('register.title') }, async () => {
      const input = parseInput(RegisterInput, req.body);
      const user = await accounts.register(input, req.locale);
      sendToVerify(req, res, user.email, 'verify.sent');
    }),
  );

  r.get('/verify', allow.visitor, (req, res) => {
    res.render('accounts/verify', { title: req.t('verify.title'), values: { email: req.session.verifyEmail ?? '' } });
  });

  r.post('/verify', allow.visitor, ...limits.verify, (req, res) =>
    withForm(req, res, 'accounts/verify', { title: req.t('verify.title') }, async () => {
      const input = parseInput(VerifyInput, req.body);
      const user = await accounts.verifyEmail(input.email, input.code);
      if (user.disabledAt) throw new ValidationError({ code: 'errors.accountDisabled' });
      await signIn(req, res, user);
      flash(req, 'success', req.t('verify.done'));
      res.redirect(303, '/account');
    }),
  );

  r.post('/verify/resend', allow.visitor, ...limits.resend, (req, res) =>
    withForm(req, res, 'accounts/verify', { title: req.t('verify.title') }, async () => {
      const { email } = parseInput(EmailOnly, req.body);
      const user = await accounts.findUserByEmail(email);
      // Unknown and already-verified addresses get the same answer as a real resend.
      if (user && !user.emailVerifiedAt) {
        const issued = await accounts.sendVerificationCode(user);
        if (!issued.sent)
          throw new ValidationError({ code: 'errors.resendCooldown' }, { seconds: issued.retryAfterSeconds });
      }
      sendToVerify(req, res, email, 'verify.resent');
    }),
  );

  r.get('/login', allow.visitor, (req, res) => {
    const { next } = parseInput(LoginNext, req.query);
    if (req.user) return res.redirect(303, landingAfterLogin(req.user, next));
    res.render('accounts/login', { title: req.t('login.title'), values: { next: next || '/' } });
  });

  r.post('/login', allow.visitor, ...limits.login, async (req, res) => {
    const locals = { title: req.t('login.title') };
    try {
      const input = parseInput(LoginInput, req.body);
      const result = await accounts.authenticate(input.email, input.password);
      if (result.status === 'unverified') {
        await accounts.sendVerificationCode(result.user);
        return sendToVerify(req, res, result.user.email, 'verify.needed');
      }
      await signIn(req, res, result.user);
      res.redirect(303, landingAfterLogin(result.user, parseInput(LoginNext, req.body).next));
    } catch (err) {
      if (err instanceof ValidationError) return renderInvalid(req, res, 'accounts/login', err, locals);
      if (err instanceof AppError && (err.code === 'invalid_credentials' || err.code === 'account_disabled')) {
        return renderInvalid(req, res, 'accounts/login', new ValidationError({ _form: err.message }), locals);
      }
      throw err;
    }
  });

  r.post('/logout', allow.visitor, async (req, res) => {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/');
  });

  r.get('/forgot-password', allow.visitor, (req, res) => {
    res.render('accounts/forgot', { title: req.t('forgot.title'), sent: false });
  });

  r.post('/forgot-password', allow.visitor, ...limits.forgot, (req, res) =>
    withForm(req, res, 'accounts/forgot', { title: req.t('forgot.title'), sent: false }, async () => {
      const { email } = parseInput(EmailOnly, req.body);
      // Not awaited: the answer and its timing must not reveal whether the account exists.
      void accounts
        .requestPasswordReset(email)
        .catch((err: unknown) => req.log.error({ err }, 'password reset request failed'));
      res.render('accounts/forgot', { title: req.t('forgot.title'), sent: true, values: { email } });
    }),
  );

  r.get('/reset-password/:token', allow.visitor, ...limits.reset, async (req, res) => {
    const { token } = parseInput(TokenParam, req.params);
    const valid = await accounts.findValidReset(token);
    if (!valid) return res.status(404).render('accounts/reset-invalid', { title: req.t('reset.title') });
    res.render('accounts/reset', { title: req.t('reset.title'), token });
  });

  r.post('/reset-password/:token', allow.visitor, ...limits.reset, async (req, res) => {
    const { token } = parseInput(TokenParam, req.params);
    const locals = { title: req.t('reset.title'), token };
    try {
      const input = parseInput(ResetInput, req.body);
      const user = await accounts.resetPassword(token, input.password);
      await signIn(req, res, user);
      flash(req, 'success', req.t('reset.done'));
      res.redirect(303, '/account');
    } catch (err) {
      if (err instanceof ValidationError) return renderInvalid(req, res, 'accounts/reset', err, locals);
      if (err instanceof AppError && err.status === 404)
        return res.status(404).render('accounts/reset-invalid', locals);
      throw err;
    }
  });

  const profileValues = (u: User) => ({ name: u.name, phone: formatCambodianPhone(u.phone) });

  r.get('/account', allow.customer, (req, res) => {
    res.render('accounts/account', { title: req.t('account.title'), values: profileValues(req.user!) });
  });

  r.post('/account/profile', allow.customer, (req, res) =>
    withForm(req, res, 'accounts/account', { title: req.t('account.title') }, async () => {
      const input = parseInput(ProfileInput, req.body);
      await accounts.updateProfile(req.user!.id, input);
      flash(req, 'success', req.t('account.saved'));
      res.redirect(303, '/account');
    }),
  );

  r.get('/account/security', allow.customer, (req, res) => {
    res.render('accounts/security', {
      title: req.t('security.title'),
      noindex: true,
      styles: ['/static/css/account.css'],
    });
  });

  r.post('/account/password', allow.customer, (req, res) =>
    withForm(
      req,
      res,
      'accounts/security',
      { title: req.t('security.title'), noindex: true, styles: ['/static/css/account.css'] },
      async () => {
        const input = parseInput(ChangePasswordInput, req.body);
        const updated = await accounts.changePassword(req.user!.id, input.currentPassword, input.password);
        // Every other session of the account has ended (session_version); this one gets a new id.
        await signIn(req, res, updated);
        flash(req, 'success', req.t('account.passwordChanged'));
        res.redirect(303, '/account/security');
      },
    ),
  );

  r.use(addressRoutes());

  return r;
}
