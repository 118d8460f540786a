import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('dist/server.js', () => {
  it('on SIGTERM — finishes, closes the pool and exits 0', async () => {
    const child = spawn(process.execPath, ['dist/server.js'], {
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', SESSION_SECRET: 'x'.repeat(40), SECURE_COOKIES: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await expect.poll(() => out, { timeout: 15_000 }).toContain('listening');
    const port = Number(/"port":(\d+)/.exec(out)![1]);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
    expect(out).toContain('stopped');
  });
});
