import { sql } from 'drizzle-orm';
import { db } from '../client.js';
import { selectRows } from '../util.js';
import { cents } from '../../domain/money.js';
import type { RepairStatus } from '../../domain/repair-states.js';
import * as repairs from '../../modules/repairs/repairs.service.js';

type Ticket = {
  name: string;
  phone: string;
  brand: string;
  model: string;
  serial: string;
  problem: string;
  accessories: string;
  /** The states it goes through after "received", in order. */
  path: RepairStatus[];
  labour?: [string, number];
  part?: boolean;
  deposit?: number;
  /** Handed back: repaired (collected) or not (returned). */
  end?: 'collected' | 'returned';
  daysAgo: number;
};

const TICKETS: Ticket[] = [
  {
    name: 'Sokha Chan',
    phone: '012 345 678',
    brand: 'Acer',
    model: 'Aspire 5 A515-57',
    serial: 'NXK3TSA00123',
    problem: 'Does not switch on',
    accessories: 'Charger',
    path: [],
    daysAgo: 0,
  },
  {
    name: 'Dara Meas',
    phone: '017 888 999',
    brand: 'Lenovo',
    model: 'IdeaPad 3 15ALC6',
    serial: 'PF3ABC12',
    problem: 'Fan very loud, gets hot',
    accessories: '',
    path: ['diagnosing'],
    daysAgo: 1,
  },
  {
    name: 'Srey Pich',
    phone: '096 555 1234',
    brand: 'ASUS',
    model: 'Vivobook 15 X1504VA',
    serial: 'N2NRKD012345',
    problem: 'Cracked screen',
    accessories: 'Bag',
    path: ['diagnosing', 'awaiting_parts'],
    labour: ['Screen replacement', 25],
    deposit: 30,
    daysAgo: 3,
  },
  {
    name: 'Vannak Heng',
    phone: '011 222 333',
    brand: 'HP',
    model: '250 G9',
    serial: '5CD2345XYZ',
    problem: 'Very slow',
    accessories: 'Charger',
    path: ['diagnosing', 'repairing'],
    labour: ['Clean install and upgrade', 15],
    part: true,
    daysAgo: 2,
  },
  {
    name: 'Bopha Lim',
    phone: '089 777 666',
    brand: 'Dell',
    model: 'Inspiron 15 3520',
    serial: 'HZ8Q2N3',
    problem: 'Keyboard keys do not work',
    accessories: '',
    path: ['diagnosing', 'repairing', 'ready'],
    labour: ['Keyboard replacement', 20],
    deposit: 10,
    daysAgo: 5,
  },
  {
    name: 'Rithy Sok',
    phone: '070 123 456',
    brand: 'Apple',
    model: 'MacBook Air M1',
    serial: 'FVFDK2ABQ6L4',
    problem: 'Battery drains fast',
    accessories: 'Charger',
    path: ['diagnosing', 'repairing', 'ready'],
    labour: ['Battery check and calibration', 10],
    end: 'collected',
    daysAgo: 9,
  },
  {
    name: 'Chenda Kim',
    phone: '015 444 555',
    brand: 'MSI',
    model: 'GF63 Thin',
    serial: 'K2109N0034512',
    problem: 'No display',
    accessories: 'Charger, bag',
    path: ['diagnosing', 'ready'],
    labour: ['Diagnosis', 5],
    end: 'returned',
    daysAgo: 12,
  },
];

/**
 * Repair tickets in every state (received → handed back), made through the same service as the counter:
 * parts leave stock through the ledger, deposits and balances are counter payments. Runs once.
 */
export async function seedRepairs(): Promise<string> {
  const [have] = await selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM repairs`);
  if (Number(have?.n) > 0) return 'repairs already seeded';
  const [staff] = await selectRows<{ id: number }>(
    sql`SELECT id FROM users WHERE role IN ('staff', 'admin') ORDER BY role = 'staff' DESC, id LIMIT 1`,
  );
  if (!staff) return 'repairs skipped (no staff)';
  const staffId = Number(staff.id);
  const [part] = await selectRows<{
    sku: string;
  }>(sql`SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id
    WHERE p.status = 'active' AND v.is_active = 1 AND v.tracks_serials = 0 AND v.stock >= 5 AND v.price < 100
    ORDER BY v.id LIMIT 1`);
  for (const t of TICKETS) {
    const id = await repairs.takeIn(
      {
        phone: t.phone,
        name: t.name,
        email: '',
        locale: 'km',
        serial: '',
        brand: t.brand,
        model: t.model,
        problem: t.problem,
        accessories: t.accessories,
        condition: '',
        passcode: '',
        underWarranty: false,
        estimatedReady: '',
        intakeKey: '',
        depositCents: cents((t.deposit ?? 0) * 100),
      },
      staffId,
    );
    await db.execute(sql`UPDATE repairs SET device_serial = ${t.serial}, technician_id = ${staffId} WHERE id = ${id}`);
    for (const [i, status] of t.path.entries()) {
      await repairs.moveRepair(id, status, staffId, '');
      if (i === 0 && t.labour)
        await repairs.addLabour(
          id,
          { description: t.labour[0], priceCents: cents(t.labour[1] * 100), costCents: cents(0) },
          staffId,
        );
      if (i === 0 && t.part && part) await repairs.addPart(id, { code: part.sku, quantity: 1 }, staffId);
    }
    if (t.end)
      await repairs.collect(
        id,
        { outcome: t.end, method: 'cash', tenderedUsdCents: cents(100_00), tenderedKhr: 0, note: '' },
        staffId,
        null,
      );
    // Spread over the last days, so the list and the turnaround look like a real counter.
    await db.execute(sql`UPDATE repairs SET created_at = created_at - INTERVAL ${t.daysAgo} DAY WHERE id = ${id}`);
    await db.execute(sql`UPDATE repair_status_log SET created_at = created_at - INTERVAL ${t.daysAgo} DAY
      WHERE repair_id = ${id} AND from_status IS NULL`);
  }
  return `${TICKETS.length} repair tickets (received → collected or returned)`;
}
