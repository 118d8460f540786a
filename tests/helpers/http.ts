import request from 'supertest';
import type { Express } from 'express';
import { buildApp } from '../../src/app.js';
import { upsertVerifiedUser } from '../../src/modules/accounts/accounts.service.js';
import type { Role } from '../../src/db/schema.js';

export type Agent = ReturnType<typeof request.agent>;

export function newApp(): Express {
  return buildApp();
}

/** The CSRF token from the first form on a page. */
export async function csrfFrom(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).set('Accept', 'text/html');
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`No CSRF token on ${path} (status ${res.status})`);
  return match[1]!;
}

/** Posts a form the way a browser does: token from the page, url-encoded body, HTML accepted. */
export async function postForm(agent: Agent, path: string, body: Record<string, string>, tokenFrom = path) {
  const _csrf = await csrfFrom(agent, tokenFrom);
  return agent
    .post(path)
    .type('form')
    .set('Accept', 'text/html')
    .send({ ...body, _csrf });
}

let counter = 0;
export async function createUser(opts: { role?: Role; email?: string; password?: string; name?: string } = {}) {
  counter++;
  const password = opts.password ?? 'correct-horse-battery';
  const user = await upsertVerifiedUser({
    email: opts.email ?? `user${counter}-${Date.now()}@example.com`,
    password,
    role: opts.role ?? 'customer',
    name: opts.name ?? `Test User ${counter}`,
  });
  return { ...user, password };
}

/** An agent already signed in as the given user. */
export async function loginAs(app: Express, user: { email: string; password: string }): Promise<Agent> {
  const agent = request.agent(app);
  const res = await postForm(agent, '/login', { email: user.email, password: user.password }, '/login');
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
  return agent;
}
