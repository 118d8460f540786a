import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/lib/log-redact.js';

describe('redactUrl', () => {
  it('hides the tokens of reset and quote links and the values that open or name something', () => {
    expect(redactUrl('/repair-quote/leDwJAOjwz_abc')).toBe('/repair-quote/[redacted]');
    expect(redactUrl('/reset-password/abc123?x=1')).toBe('/reset-password/[redacted]?x=1');
    expect(redactUrl('/repair-status?ticket=R-000001&k=tqyy.sig&phone=012345678')).toBe(
      '/repair-status?ticket=R-000001&k=[redacted]&phone=[redacted]',
    );
    expect(redactUrl('/orders/CS-261202-000001?k=abc.def')).toBe('/orders/CS-261202-000001?k=[redacted]');
    expect(redactUrl('/warranty?order=CS-1&phone=012')).toBe('/warranty?order=CS-1&phone=[redacted]');
  });

  it('leaves ordinary URLs as they are', () => {
    expect(redactUrl('/c/laptops?brand=asus&page=2')).toBe('/c/laptops?brand=asus&page=2');
    expect(redactUrl('/search?q=%E1%9E%80')).toBe('/search?q=%E1%9E%80');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
