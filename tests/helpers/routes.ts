import type { Express } from 'express';
import { declaredAccess, type Access } from '../../src/middleware/access.js';

export type RouteInfo = { method: string; path: string; access: Access | undefined; handlerNames: string[] };

type Layer = {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown; name?: string }[] };
  handle: { stack?: Layer[] } & ((...args: unknown[]) => unknown);
  rawPath?: string | RegExp | (string | RegExp)[];
  name?: string;
};

const join = (a: string, b: string) => `${a.replace(/\/$/, '')}${b === '/' ? '' : b}` || '/';

/** Every route of the app, with the mount paths of its routers, as Express 5 (router 2.x) keeps them. */
export function listRoutes(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const handlers = layer.route.stack.map((l) => l.handle);
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          out.push({
            method: method.toUpperCase(),
            path: join(prefix, layer.route.path),
            access: declaredAccess(handlers[0]),
            handlerNames: layer.route.stack.map((l) => (l.handle as { name?: string }).name ?? ''),
          });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

export type Role = 'visitor' | 'customer' | 'staff' | 'admin';

/** Whether a role passes a route's declared access (owner routes check ownership inside: 404). */
export function allows(access: Access, role: Role): boolean {
  switch (access) {
    case 'visitor':
    case 'owner':
      return true;
    case 'customer':
      return role !== 'visitor';
    case 'staff':
      return role === 'staff' || role === 'admin';
    case 'admin':
      return role === 'admin';
  }
}
