import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import bcrypt from 'bcrypt';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';

const run = promisify(execFile);
const tsx = (script: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });

describe('npm run user:create', () => {
  it('creates a verified admin, and run again updates the password and role', async () => {
    const first = await tsx('src/scripts/user-create.ts', [
      '--email',
      'Owner@Shop.test',
      '--password',
      'owner-pass-2026',
      '--role',
      'admin',
      '--name',
      'Shop Owner',
    ]);
    expect(first.stdout).toContain('admin account owner@shop.test is ready');
    let [row] = await query<{ role: string; name: string; email_verified_at: Date | null; password_hash: string }>(
      'SELECT * FROM users WHERE email = ?',
      ['owner@shop.test'],
    );
    expect(row).toMatchObject({ role: 'admin', name: 'Shop Owner' });
    expect(row!.email_verified_at).toBeInstanceOf(Date);

    await tsx('src/scripts/user-create.ts', [
      '--email',
      'owner@shop.test',
      '--password',
      'another-pass-99',
      '--role',
      'staff',
    ]);
    const rows = await query<{ role: string; name: string; password_hash: string }>(
      'SELECT * FROM users WHERE email = ?',
      ['owner@shop.test'],
    );
    expect(rows).toHaveLength(1);
    [row] = rows as (typeof row)[];
    expect(row!.role).toBe('staff');
    expect(row!.name).toBe('Shop Owner');
    expect(await bcrypt.compare('another-pass-99', row!.password_hash)).toBe(true);
  });

  it(
    'with NODE_ENV=production and no SESSION_SECRET — ' + 'still creates the account (scripts need no secret)',
    async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' };
      delete env.SESSION_SECRET;
      await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/scripts/user-create.ts',
          '--email',
          'prod@shop.test',
          '--password',
          'owner-pass-2026',
          '--role',
          'admin',
        ],
        { env },
      );
      expect(await query('SELECT id FROM users WHERE email = ?', ['prod@shop.test'])).toHaveLength(1);
    },
  );

  it('with a bad role or weak password — exits 2 with a message and writes nothing', async () => {
    await expect(
      tsx('src/scripts/user-create.ts', ['--email', 'x@shop.test', '--password', 'owner-pass-2026', '--role', 'boss']),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--role') });
    await expect(
      tsx('src/scripts/user-create.ts', ['--email', 'x@shop.test', '--password', 'password', '--role', 'admin']),
    ).rejects.toMatchObject({ code: 2 });
    expect(await query('SELECT id FROM users')).toHaveLength(0);
  });
});

describe('server start-up', () => {
  it('a malformed setting stops start-up with one message naming it', async () => {
    const err = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: '' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr.trim()).toBe(
      'Invalid configuration: SESSION_SECRET is required in production',
    );
  });

  it('with NODE_ENV unset — runs as production and refuses to start without SESSION_SECRET', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_ENV;
    delete env.SESSION_SECRET;
    const err = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr.trim()).toBe(
      'Invalid configuration: SESSION_SECRET is required in production',
    );
  });
});
