import { describe, expect, it } from 'vitest';
import { formatCambodianPhone, normaliseCambodianPhone } from '../../src/lib/phone.js';
import { passwordProblem } from '../../src/lib/password.js';

describe('normaliseCambodianPhone', () => {
  it.each([
    ['012 345 678', '+85512345678'],
    ['012-345-678', '+85512345678'],
    ['+855 12 345 678', '+85512345678'],
    ['+855 012 345 678', '+85512345678'],
    ['85512345678', '+85512345678'],
    ['00855 97 123 4567', '+855971234567'],
    ['097 123 4567', '+855971234567'],
    ['(023) 880 880', '+85523880880'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseCambodianPhone(input)).toBe(expected);
  });

  it.each(['', '12345', '+66 81 234 5678', '012 345 67', 'phone', '0000000000'])('rejects %j', (input) => {
    expect(normaliseCambodianPhone(input)).toBeNull();
  });

  it('formats for display', () => {
    expect(formatCambodianPhone('+85512345678')).toBe('012 345 678');
  });
});

describe('passwordProblem', () => {
  it('accepts a long, unusual password', () => expect(passwordProblem('correct-horse-battery', 'a@b.com')).toBeNull());
  it('refuses fewer than 8 characters', () =>
    expect(passwordProblem('Ab3$x', 'a@b.com')).toBe('errors.passwordTooShort'));
  it('refuses the email itself', () =>
    expect(passwordProblem('sokha@example.com', 'Sokha@example.com')).toBe('errors.passwordIsEmail'));
  it('refuses a very common password whatever its case', () =>
    expect(passwordProblem('PassWord123', 'a@b.com')).toBe('errors.passwordTooCommon'));
});

describe('form text', () => {
  it('drops control characters and bidi overrides, keeps Khmer (with its zero-width joiner) and trims', async () => {
    const { formText } = await import('../../src/lib/validation.js');
    expect(formText(50).parse(' \u202eSok\u0000ha\u001b[31m ')).toBe('Sokha[31m');
    expect(formText(50).parse('ស្រី\u200dពេជ្រ')).toBe('ស្រី\u200dពេជ្រ');
    expect(formText(50).safeParse('\u0007\u202e').success).toBe(false);
  });
});
