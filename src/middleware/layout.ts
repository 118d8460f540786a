import type { RequestHandler } from 'express';

/**
 * Renders every view inside views/layouts/main.ejs (or the layout named by `layout`),
 * so a page template holds only its own content.
 */
export const withLayout: RequestHandler = (_req, res, next) => {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: Record<string, unknown>, callback?: (err: Error, html: string) => void) => {
    const locals = options ?? {};
    render(view, locals, (err: Error | null, body: string) => {
      if (err) return callback ? callback(err, '') : next(err);
      if (locals.layout === false) return callback ? callback(null as never, body) : res.send(body);
      const layout = typeof locals.layout === 'string' ? locals.layout : 'layouts/main';
      render(layout, { ...locals, body }, (err2: Error | null, html: string) => {
        if (callback) return callback(err2 as Error, html);
        if (err2) return next(err2);
        res.send(html);
      });
    });
  }) as typeof res.render;
  next();
};
