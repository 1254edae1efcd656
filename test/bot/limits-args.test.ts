/**
 * An admin typing `/kotae limits bytes-per-day=abc` must get a usage answer, not a budget
 * of zero bytes that silently blocks the channel, nor a budget over the global cap.
 */
import { describe, expect, it } from 'vitest';
import { parseLimitsArgs, parseSize } from '../../src/bot/commands/limits-args.ts';
import { t } from '../../src/core/i18n/translate.ts';

const CAP = 10n * 1024n ** 4n;

describe('limits arguments', () => {
  it('reads sizes in binary units', () => {
    expect(parseSize('500GB')).toBe(500n * 1024n ** 3n);
    expect(parseSize('1.5 TiB')).toBe(1536n * 1024n ** 3n);
    expect(parseSize('2048')).toBe(2048n);
    expect(parseSize('-1GB')).toBe('negative');
    expect(parseSize('abc')).toBeNull();
  });

  it('parses a valid change', () => {
    expect(parseLimitsArgs(['bytes-per-day=1TB', 'questions-per-hour=30'], CAP)).toEqual({
      ok: true,
      changes: { bytesPerDay: 1024n ** 4n, questionsPerHour: 30 },
    });
    expect(parseLimitsArgs(['bytes-per-day=off'], CAP)).toEqual({ ok: true, changes: { bytesPerDay: null } });
  });

  it.each([
    [['bytes-per-day=abc'], 'limits.notASize'],
    [['bytes-per-day=-5GB'], 'limits.negative'],
    [['bytes-per-day=11TB'], 'limits.overCap'],
    [['questions-per-hour=0'], 'limits.notACount'],
    [['questions-per-hour=-3'], 'limits.negative'],
    [['questions-per-hour=30', 'bytes-per-day=abc'], 'limits.notASize'],
    [['budget=1'], 'limits.unknownKey'],
  ])('refuses %j with %s and keeps nothing', (args, problem) => {
    const parsed = parseLimitsArgs(args, CAP);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toBe(problem);
    for (const locale of ['ja', 'en'] as const) {
      const text = t(locale, 'limits.usage', { problem: t(locale, parsed.problem, parsed.params) });
      expect(text).toContain('/kotae limits bytes-per-day=');
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });
});
