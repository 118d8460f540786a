/**
 * Bakong Open API: check a KHQR payment by the md5 of its string.
 * POST {baseUrl}/v1/check_transaction_by_md5 {"md5"} with a bearer token.
 * Found: {"responseCode":0,"data":{hash, fromAccountId, toAccountId, currency, amount, ...}}
 * Not found: {"responseCode":1,"errorCode":1,"data":null}
 */
export type BakongTransaction = {
  hash: string;
  fromAccountId: string;
  toAccountId: string;
  currency: string;
  amount: number;
  description?: string;
  createdDateMs?: number;
  acknowledgedDateMs?: number;
};

type CheckResult =
  | { kind: 'found'; transaction: BakongTransaction }
  | { kind: 'not_found' }
  | { kind: 'error'; reason: 'unauthorized' | 'server' | 'timeout' | 'network' | 'bad_response'; status?: number };

export interface BakongClient {
  checkByMd5(md5: string): Promise<CheckResult>;
}

export function createBakongClient(opts: { baseUrl: string; token: string; timeoutMs?: number }): BakongClient {
  const url = `${opts.baseUrl.replace(/\/$/, '')}/v1/check_transaction_by_md5`;
  return {
    async checkByMd5(md5) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${opts.token}`,
          },
          body: JSON.stringify({ md5 }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
        });
      } catch (err) {
        const name = (err as Error).name;
        return { kind: 'error', reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
      }
      if (res.status === 401 || res.status === 403)
        return { kind: 'error', reason: 'unauthorized', status: res.status };
      if (res.status >= 500) return { kind: 'error', reason: 'server', status: res.status };
      let body: { responseCode?: number; data?: BakongTransaction | null };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        return { kind: 'error', reason: 'bad_response', status: res.status };
      }
      if (body.responseCode === 0 && body.data && typeof body.data.hash === 'string')
        return { kind: 'found', transaction: body.data };
      if (body.responseCode === 1) return { kind: 'not_found' };
      return { kind: 'error', reason: 'bad_response', status: res.status };
    },
  };
}
