import { afterAll, beforeEach } from 'vitest';
import { mailbox } from '../helpers/mailbox.js';

// The SMTP server starts before the app's config is read, so SMTP_URL points at it.
const port = await mailbox.listen();
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;

beforeEach(async () => {
  mailbox.clear();
  const { resetDatabase } = await import('../helpers/db.js');
  await resetDatabase();
});

afterAll(async () => {
  const { closeSessionStore } = await import('../../src/middleware/session.js');
  const { closeDb } = await import('../../src/db/client.js');
  await closeSessionStore();
  await closeDb();
  await mailbox.close();
});
