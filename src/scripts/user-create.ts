import { z } from 'zod';
import { closeDb } from '../db/client.js';
import { ROLES } from '../db/schema.js';
import { ValidationError } from '../lib/errors.js';
import { translator } from '../lib/i18n.js';
import { upsertVerifiedUser } from '../modules/accounts/accounts.service.js';
import { parseArgs } from './args.js';

const Args = z.object({
  email: z.email({ error: 'needs --email with a valid address' }),
  password: z.string({ error: 'needs --password' }),
  role: z.enum(ROLES, { error: 'needs --role admin|staff|customer' }),
  name: z.string().optional(),
});

const parsed = Args.safeParse(parseArgs(process.argv.slice(2)));
if (!parsed.success) {
  console.error(`user:create ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  console.error('usage: npm run user:create -- --email E --password P --role admin|staff|customer [--name N]');
  process.exit(2);
}
try {
  const user = await upsertVerifiedUser(parsed.data);
  console.log(`${user.role} account ${user.email} is ready (id ${user.id}).`);
} catch (err) {
  if (err instanceof ValidationError) {
    const t = translator('en');
    console.error(
      Object.entries(err.fields)
        .map(([k, v]) => `${k}: ${t(v)}`)
        .join('\n'),
    );
    process.exitCode = 2;
  } else throw err;
} finally {
  await closeDb();
}
