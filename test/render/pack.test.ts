/**
 * Packing units into messages. If this breaks, a platform rejects a message with too
 * many blocks, or a long answer floods the thread instead of ending with a note.
 */
import { describe, expect, it } from 'vitest';
import { packUnits, packWithTruncation } from '../../src/render/pack.ts';

describe('packUnits', () => {
  it('starts a new message at the unit cap or the size budget, never leaving one empty', () => {
    const units = Array.from({ length: 80 }, (_, i) => i);
    expect(packUnits(units, () => 1, { maxUnits: 50, maxSize: 1000 }).map((m) => m.length)).toEqual([50, 30]);
    expect(packUnits(units, () => 30, { maxUnits: 50, maxSize: 100 }).map((m) => m.length)).toEqual(
      Array(27).fill(3).fill(2, 26),
    );
    expect(packUnits([1], () => 500, { maxUnits: 50, maxSize: 100 })).toEqual([[1]]);
    expect(packUnits([], () => 1, { maxUnits: 50, maxSize: 100 })).toEqual([]);
  });
});

describe('packWithTruncation', () => {
  it('drops body units from the end, adds the note and keeps the tail', () => {
    const body = Array.from({ length: 20 }, (_, i) => `body${i}`);
    const messages = packWithTruncation(
      { body, tail: ['table', 'buttons'], makeNote: (dropped) => `note:${dropped.length}` },
      () => 10,
      { maxUnits: 5, maxSize: 1000, maxMessages: 2 },
    );
    expect(messages).toEqual([
      ['body0', 'body1', 'body2', 'body3', 'body4'],
      ['body5', 'body6', 'note:13', 'table', 'buttons'],
    ]);
  });

  it('changes nothing when everything fits', () => {
    const messages = packWithTruncation({ body: ['a', 'b'], tail: ['c'], makeNote: () => 'note' }, () => 1, {
      maxUnits: 2,
      maxSize: 10,
      maxMessages: 2,
    });
    expect(messages).toEqual([['a', 'b'], ['c']]);
  });
});
