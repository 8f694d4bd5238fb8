import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countUidSet, decodeUidSet, encodeUidSet, minUid } from '../../../src/shared/mail/uid-set';

describe('uid sets', () => {
  it('encodes runs compactly', () => {
    expect(encodeUidSet([9, 1, 2, 3, 5, 10, 11, 3])).toBe('1:3,5,9:11');
    expect(encodeUidSet([])).toBe('');
    expect(countUidSet('1:3,5,9:11')).toBe(7);
    expect(minUid('5,9:11')).toBe(5);
    expect(minUid('')).toBeUndefined();
  });
  it('round-trips', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 })), (uids) => {
        const set = encodeUidSet(uids);
        const back = decodeUidSet(set);
        expect(back).toEqual([...new Set(uids)].sort((a, b) => a - b));
        expect(countUidSet(set)).toBe(back.length);
      }),
    );
  });
  it('rejects garbage', () => {
    expect(() => decodeUidSet('1:x')).toThrow(RangeError);
  });
});
