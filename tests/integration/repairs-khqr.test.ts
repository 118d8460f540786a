import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config } from '../../src/config/env.js';
import { usePosBakongClient } from '../../src/modules/pos/pos-khqr.js';
import { query } from '../helpers/db.js';
import { useFakeBakong } from '../helpers/fake-bakong.js';
import { createUser, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';

const { bakong, client } = useFakeBakong();
beforeEach(() => usePosBakongClient(client()));
afterEach(() => usePosBakongClient(undefined));

/** A ticket ready for hand-back with $30 of labour, and the staff member at the counter. */
async function readyTicket(): Promise<{ agent: Agent; id: number; page: string }> {
  const agent = await loginAs(newApp(), await createUser({ role: 'staff' }));
  const res = await postForm(
    agent,
    '/admin/repairs',
    { phone: '012 345 678', name: 'Sokha', brand: 'Dell', model: 'Inspiron 15', problem: 'No power' },
    '/admin/repairs/new',
  );
  const page = res.headers.location!;
  const id = Number(page.split('/').pop());
  await postForm(agent, `${page}/status`, { status: 'diagnosing' }, page);
  await postForm(agent, `${page}/labour`, { description: 'Board repair', price: '30' }, page);
  await postForm(agent, `${page}/status`, { status: 'ready' }, page);
  return { agent, id, page };
}

const collectKhqr = (agent: Agent, page: string) =>
  postForm(agent, `${page}/collect`, { outcome: 'collected', method: 'khqr' }, page);
const payments = (id: number) =>
  query<{ method: string; amount: string; transaction_hash: string | null }>(
    'SELECT method, amount, transaction_hash FROM repair_payments WHERE repair_id = ?',
    [id],
  );

describe('repairs: the balance paid by KHQR, confirmed by Bakong (fake Bakong on loopback)', () => {
  it('refuses until Bakong reports this amount to the shop’s account, then records the transaction once', async () => {
    const { agent, id, page } = await readyTicket();
    // No QR shown yet: nothing to check.
    const early = await collectKhqr(agent, page);
    expect(early.status).toBe(422);
    expect(early.text).toContain('Show the KHQR for the balance first');

    expect((await postForm(agent, `${page}/khqr`, {}, page)).status).toBe(303);
    const shown = await agent.get(page);
    expect(shown.text).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="KHQR code for \$30\.00"/);

    // Not paid yet, paid a cent short, paid to someone else, Bakong down: refused, nothing recorded.
    bakong.defaultAnswer = { kind: 'not_found' };
    expect((await collectKhqr(agent, page)).text).toContain('Bakong has no payment for this KHQR yet');
    bakong.defaultAnswer = { kind: 'found', amount: 29.99, currency: 'USD', toAccountId: config.KHQR_ACCOUNT_ID };
    expect((await collectKhqr(agent, page)).text).toContain('not this balance');
    bakong.defaultAnswer = { kind: 'found', amount: 30, currency: 'USD', toAccountId: 'someone_else@aclb' };
    expect((await collectKhqr(agent, page)).status).toBe(422);
    bakong.defaultAnswer = { kind: 'status', status: 500 };
    expect((await collectKhqr(agent, page)).text).toContain('Bakong cannot be reached');
    expect(await payments(id)).toEqual([]);
    expect(bakong.requests.length).toBe(4);

    // The exact payment: the ticket is collected with Bakong's transaction hash.
    bakong.defaultAnswer = {
      kind: 'found',
      amount: 30,
      currency: 'USD',
      toAccountId: config.KHQR_ACCOUNT_ID,
      hash: 'c0ffee00112233',
    };
    const paid = await collectKhqr(agent, page);
    expect(paid.status).toBe(303);
    expect(await payments(id)).toEqual([{ method: 'khqr', amount: '30.00', transaction_hash: 'c0ffee00112233' }]);
    expect(await query('SELECT status FROM repairs WHERE id = ?', [id])).toEqual([{ status: 'collected' }]);
    // A replay of the hand-back is refused; still one payment.
    expect((await collectKhqr(agent, page)).status).toBe(303);
    expect(await payments(id)).toHaveLength(1);
  });

  it('a QR shown before the balance changed does not pay the new balance', async () => {
    const { agent, id, page } = await readyTicket();
    await postForm(agent, `${page}/khqr`, {}, page);
    await postForm(agent, `${page}/status`, { status: 'repairing' }, page);
    await postForm(agent, `${page}/labour`, { description: 'Extra cleaning', price: '5' }, page);
    await postForm(agent, `${page}/status`, { status: 'ready' }, page);
    bakong.defaultAnswer = { kind: 'found', amount: 30, currency: 'USD', toAccountId: config.KHQR_ACCOUNT_ID };
    const res = await collectKhqr(agent, page);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Show the KHQR for the balance first');
    expect(await payments(id)).toEqual([]);
  });
});
