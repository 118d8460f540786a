import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { withForm } from '../../middleware/forms.js';
import { parseInput } from '../../lib/validation.js';
import { getSettings, saveSettings, SentZones, SettingsInput } from './settings.service.js';

/** /admin/settings: delivery fees, VAT, invoice details, order limits and screenshot review deadlines (admins only). */
export function settingsRoutes(): Router {
  const r = Router();
  r.get('/', allow.admin, async (req, res) => {
    res.render('admin/settings', {
      title: req.t('settings.title'),
      layout: 'layouts/admin',
      values: await getSettings(),
    });
  });
  r.post('/', allow.admin, (req, res) =>
    withForm(
      req,
      res,
      'admin/settings',
      { title: req.t('settings.title'), layout: 'layouts/admin', values: parseInput(SentZones, req.body) },
      async () => {
        await saveSettings(parseInput(SettingsInput, req.body));
        flash(req, 'success', req.t('settings.saved'));
        res.redirect(303, '/admin/settings');
      },
    ),
  );
  return r;
}
