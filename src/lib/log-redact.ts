/** Path segments that are secrets (a reset link, a quote link) and query values that open something or name someone. */
const SECRET_PATH = /^(\/(?:reset-password|repair-quote)\/)[^/?#]+/;
const SECRET_QUERY = new Set(['k', 'phone', 'token', 'contact', 'email']);

/**
 * A request URL as the log may keep it: the token of a reset or quote link and the values of `k` (an email
 * link's key), `phone`, `email`, `contact` and `token` replaced, so the log opens nothing and names no one.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(SECRET_PATH, '$1[redacted]');
  if (query === undefined) return safePath;
  const params = query
    .split('&')
    .map((pair) => {
      const name = decodeURIComponentSafe(pair.split('=', 1)[0] ?? '');
      return SECRET_QUERY.has(name) ? `${pair.split('=', 1)[0]}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${params}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
