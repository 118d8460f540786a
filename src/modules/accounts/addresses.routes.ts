import { Router, type Request } from 'express';
import { allow } from '../../middleware/access.js';
import { NotFoundError } from '../../lib/errors.js';
import { ConfirmInput, parseInput } from '../../lib/validation.js';
import { formatCambodianPhone } from '../../lib/phone.js';
import { flash } from '../../middleware/locals.js';
import { withForm } from '../../middleware/forms.js';
import type { Address } from '../../db/schema.js';
import { findAddress, listAddresses } from '../addresses/addresses.service.js';
import { PROVINCES } from '../checkout/checkout.schemas.js';
import {
  createAddress,
  deleteAddress,
  MAX_ADDRESSES,
  setDefaultAddress,
  updateAddress,
} from '../addresses/addresses.service.js';
import { AddressBookInput, AddressIdParam } from './addresses.schemas.js';

const FORM = 'accounts/address-form';
const BOOK = '/account/addresses';
const ACCOUNT_CSS = '/static/css/account.css';

/** The signed-in customer's own address named in the URL; anyone else's (or a malformed id) is a 404. */
async function ownAddress(req: Request): Promise<Address> {
  const { id } = parseInput(AddressIdParam, req.params);
  const address = id ? await findAddress(req.user!.id, id) : undefined;
  if (!address) throw new NotFoundError();
  return address;
}

const formLocals = (req: Request, address: Address | null) => ({
  title: req.t(address ? 'addresses.editTitle' : 'addresses.addTitle'),
  address,
  provinces: PROVINCES,
  max: MAX_ADDRESSES,
  noindex: true,
  styles: [ACCOUNT_CSS],
});

/** The address book at /account/addresses: list, add, edit, delete, choose the default. */
export function addressRoutes(): Router {
  const r = Router();

  r.get(BOOK, allow.customer, async (req, res) => {
    res.render('accounts/addresses', {
      title: req.t('addresses.title'),
      addresses: await listAddresses(req.user!.id),
      max: MAX_ADDRESSES,
      noindex: true,
      styles: [ACCOUNT_CSS],
    });
  });

  r.get(`${BOOK}/new`, allow.customer, async (req, res) => {
    const u = req.user!;
    const count = (await listAddresses(u.id)).length;
    res.render(FORM, {
      ...formLocals(req, null),
      full: count >= MAX_ADDRESSES,
      values: {
        recipientName: u.name,
        phone: formatCambodianPhone(u.phone),
        province: PROVINCES[0],
        makeDefault: count === 0 ? '1' : '',
      },
    });
  });

  r.post(BOOK, allow.customer, (req, res) =>
    withForm(req, res, FORM, formLocals(req, null), async () => {
      const { makeDefault, ...fields } = parseInput(AddressBookInput, req.body);
      await createAddress(req.user!.id, fields, makeDefault);
      flash(req, 'success', req.t('addresses.added'));
      res.redirect(303, BOOK);
    }),
  );

  r.get(`${BOOK}/:id/edit`, allow.customer, async (req, res) => {
    const a = await ownAddress(req);
    res.render(FORM, {
      ...formLocals(req, a),
      values: {
        recipientName: a.recipientName,
        phone: formatCambodianPhone(a.phone),
        street: a.street,
        commune: a.commune,
        district: a.district,
        province: a.province,
        note: a.note ?? '',
      },
    });
  });

  r.post(`${BOOK}/:id`, allow.customer, async (req, res) => {
    const a = await ownAddress(req);
    return withForm(req, res, FORM, formLocals(req, a), async () => {
      const { makeDefault, ...fields } = parseInput(AddressBookInput, req.body);
      await updateAddress(req.user!.id, a.id, fields, makeDefault);
      flash(req, 'success', req.t('addresses.saved'));
      res.redirect(303, BOOK);
    });
  });

  r.post(`${BOOK}/:id/default`, allow.customer, async (req, res) => {
    const a = await ownAddress(req);
    await setDefaultAddress(req.user!.id, a.id);
    flash(req, 'success', req.t('addresses.defaultSet', { name: a.recipientName }));
    res.redirect(303, BOOK);
  });

  r.post(`${BOOK}/:id/delete`, allow.customer, async (req, res) => {
    const a = await ownAddress(req);
    // The box in the confirm step must be ticked (a browser enforces it; a bare POST gets the same answer).
    if (!ConfirmInput.safeParse(req.body).success) {
      flash(req, 'error', req.t('errors.confirmFirst'));
      return res.redirect(303, BOOK);
    }
    await deleteAddress(req.user!.id, a.id);
    flash(req, 'success', req.t('addresses.deleted'));
    res.redirect(303, BOOK);
  });

  return r;
}
