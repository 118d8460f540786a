import type http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type BakongClient, createBakongClient } from '../../src/lib/khqr/bakong-client.js';

export type FakeAnswer =
  | { kind: 'found'; amount: number; currency: string; toAccountId: string; hash?: string; fromAccountId?: string }
  | { kind: 'not_found' }
  | { kind: 'status'; status: number }
  | { kind: 'slow'; ms: number };

/** A stand-in for the Bakong Open API on loopback, answering check_transaction_by_md5 as documented. */
export class FakeBakong {
  answers = new Map<string, FakeAnswer>();
  /** The answer for any md5 not in `answers`. */
  defaultAnswer: FakeAnswer = { kind: 'not_found' };
  requests: { md5: string; authorization: string | undefined }[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.post('/v1/check_transaction_by_md5', async (req, res) => {
      const md5 = String(req.body?.md5 ?? '');
      this.requests.push({ md5, authorization: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer test-token')
        return res.status(401).json({ responseCode: 1, responseMessage: 'Unauthorized' });
      const a = this.answers.get(md5) ?? this.defaultAnswer;
      if (a.kind === 'status') return res.status(a.status).json({ error: 'boom' });
      if (a.kind === 'slow') {
        await new Promise((r) => setTimeout(r, a.ms));
        return res.json({ responseCode: 1, errorCode: 1, data: null });
      }
      if (a.kind === 'not_found')
        return res.json({
          responseCode: 1,
          responseMessage: 'Transaction could not be found.',
          errorCode: 1,
          data: null,
        });
      res.json({
        responseCode: 0,
        responseMessage: 'Getting transaction successfully.',
        errorCode: null,
        data: {
          hash: a.hash ?? `hash-${md5.slice(0, 8)}`,
          fromAccountId: a.fromAccountId ?? 'sokha_chan@aclb',
          toAccountId: a.toAccountId,
          currency: a.currency,
          amount: a.amount,
          description: '',
          createdDateMs: Date.now() - 1000,
          acknowledgedDateMs: Date.now(),
        },
      });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * A fake Bakong for the whole test file (started before, stopped after, emptied before each test) and
 * a client pointed at it.
 */
export function useFakeBakong(): { bakong: FakeBakong; client: () => BakongClient } {
  const bakong = new FakeBakong();
  beforeAll(() => bakong.start());
  afterAll(() => bakong.stop());
  beforeEach(() => {
    bakong.answers.clear();
    bakong.requests.length = 0;
  });
  return { bakong, client: () => createBakongClient({ baseUrl: bakong.url, token: 'test-token', timeoutMs: 300 }) };
}
