import { Router, type Request } from 'express';
import { IdParam, parseInput, ReturnTo } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { withForm } from '../../middleware/forms.js';
import { flash } from '../../middleware/locals.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { formatCambodianPhone } from '../../lib/phone.js';
import { getSettings } from '../settings/settings.service.js';
import { ContactInput, HandledInput, MessagesQuery } from './content.schemas.js';
import { listMessages, MESSAGES_PER_PAGE, setHandled, submitMessage } from './contact.service.js';

/** The stylesheet of the shop's pages, the contact form and their back-office screens. */
export const STYLES = ['/static/css/content.css'];

const contactPage = async (req: Request) => {
  const s = await getSettings();
  return {
    title: req.t('content.contactTitle'),
    styles: STYLES,
    shop: { phone: s.shopPhone, address: req.locale === 'km' ? s.shopAddressKm : s.shopAddress },
    values: req.user ? { name: req.user.name, email: req.user.email, phone: formatCambodianPhone(req.user.phone) } : {},
  };
};

/** /contact for everyone (limited per address and per email); /admin/messages for staff. */
export function contactRoutes(): Router {
  const r = Router();
  const limits = formLimits({ name: 'contact', windowMinutes: 60, limit: 10, perAccount: 5 });

  r.get('/contact', allow.visitor, async (req, res) => res.render('content/contact', await contactPage(req)));

  r.post('/contact', allow.visitor, ...limits, async (req, res) =>
    withForm(
      req,
      res,
      'content/contact',
      () => contactPage(req),
      async () => {
        await submitMessage(parseInput(ContactInput, req.body), req.locale, req.user?.id ?? null);
        flash(req, 'success', req.t('content.contactSent'));
        res.redirect(303, '/contact');
      },
    ),
  );

  r.get('/admin/messages', allow.staff, async (req, res) => {
    const { show, page } = parseInput(MessagesQuery, req.query);
    const { rows, total } = await listMessages(show, page);
    res.render('admin/messages', {
      title: req.t('content.messagesTitle'),
      layout: 'layouts/admin',
      styles: STYLES,
      messages: rows,
      show,
      page,
      pages: Math.max(1, Math.ceil(total / MESSAGES_PER_PAGE)),
      total,
    });
  });

  r.post('/admin/messages/:id/handled', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const { handled } = parseInput(HandledInput, req.body);
    await setHandled(id, handled, req.user!.id);
    flash(req, 'success', req.t(handled ? 'content.markedHandled' : 'content.markedOpen'));
    res.redirect(303, parseInput(ReturnTo('/admin/messages'), req.body).returnTo);
  });
  return r;
}
