import { describe, expect, it } from 'vitest';
import {
  decideSync,
  initialFolderState,
  type FolderSyncState,
  type LiveMailboxState,
  type ServerCaps,
} from '../../../src/shared/mail/imap-sync-decision';

const CONDSTORE: ServerCaps = { condstore: true, qresync: false };
const QRESYNC: ServerCaps = { condstore: true, qresync: true };
const PLAIN: ServerCaps = { condstore: false, qresync: false };

const stored: FolderSyncState = {
  uidValidity: 7,
  uidNext: 101,
  exists: 90,
  lastUid: 100,
  highestModseq: '500',
  backfill: 1,
  backfillDone: true,
  known: '1:90',
};
const same: LiveMailboxState = { uidValidity: 7, uidNext: 101, exists: 90, highestModseq: '500' };
const types = (a: { type: string }[]) => a.map((x) => x.type);

describe('decideSync', () => {
  it('first sight -> initial', () => {
    expect(decideSync(undefined, same, QRESYNC)).toEqual([{ type: 'initial' }]);
  });

  it('UIDVALIDITY changed -> reseed only, whatever else changed', () => {
    const r = decideSync(stored, { ...same, uidValidity: 8, uidNext: 500 }, QRESYNC);
    expect(types(r)).toEqual(['reseed']);
  });

  it('same HIGHESTMODSEQ and counts -> none', () => {
    expect(decideSync(stored, same, CONDSTORE)).toEqual([{ type: 'none' }]);
    expect(decideSync(stored, same, QRESYNC)).toEqual([{ type: 'none' }]);
  });

  it('new mail -> new-uids from lastUid+1', () => {
    const r = decideSync(stored, { ...same, uidNext: 103, exists: 92, highestModseq: '502' }, QRESYNC);
    expect(r).toEqual([
      { type: 'new-uids', fromUid: 101 },
      { type: 'changedsince', modseq: '500', vanished: true },
    ]);
  });

  it('flags changed with CONDSTORE only -> changedsince + expunge-check (no VANISHED)', () => {
    const r = decideSync(stored, { ...same, highestModseq: '501' }, CONDSTORE);
    expect(r).toEqual([{ type: 'changedsince', modseq: '500', vanished: false }, { type: 'expunge-check' }]);
  });

  it('QRESYNC: changedsince with VANISHED covers expunges', () => {
    const r = decideSync(stored, { ...same, exists: 89, highestModseq: '503' }, QRESYNC);
    expect(r).toEqual([{ type: 'changedsince', modseq: '500', vanished: true }]);
  });

  it('CONDSTORE without QRESYNC, modseq unchanged but EXISTS dropped -> expunge-check', () => {
    expect(types(decideSync(stored, { ...same, exists: 89 }, CONDSTORE))).toEqual(['expunge-check']);
  });

  it('no CONDSTORE -> full-flags every time, expunge-check only when counts moved', () => {
    expect(types(decideSync(stored, same, PLAIN))).toEqual(['full-flags']);
    expect(types(decideSync(stored, { ...same, exists: 80 }, PLAIN))).toEqual(['full-flags', 'expunge-check']);
    expect(types(decideSync(stored, { ...same, uidNext: 102, exists: 90 }, PLAIN))).toEqual([
      'new-uids',
      'full-flags',
      'expunge-check',
    ]);
  });

  it('NOMODSEQ mailbox on a CONDSTORE server -> treated like no CONDSTORE', () => {
    expect(types(decideSync(stored, { ...same, noModseq: true, highestModseq: undefined }, CONDSTORE))).toEqual(['full-flags']);
  });

  it('unfinished backfill continues below the lowest synced UID, after the other work', () => {
    const s = { ...stored, backfill: 41, backfillDone: false, known: '41:100' };
    expect(decideSync(s, same, QRESYNC)).toEqual([{ type: 'backfill', belowUid: 41 }]);
    expect(types(decideSync(s, { ...same, uidNext: 102, highestModseq: '501' }, QRESYNC))).toEqual([
      'new-uids',
      'changedsince',
      'backfill',
    ]);
  });

  it('nothing synced yet -> no flag work, just new-uids/backfill', () => {
    const s = initialFolderState(same);
    expect(s).toMatchObject({ lastUid: 100, backfill: 101, backfillDone: false, known: '' });
    expect(decideSync(s, { ...same, highestModseq: '600' }, PLAIN)).toEqual([{ type: 'backfill', belowUid: 101 }]);
  });

  it('empty folder starts done', () => {
    const s = initialFolderState({ uidValidity: 1, uidNext: 1, exists: 0 });
    expect(s).toMatchObject({ lastUid: 0, backfillDone: true });
    expect(decideSync(s, { uidValidity: 1, uidNext: 1, exists: 0 }, PLAIN)).toEqual([{ type: 'none' }]);
    expect(decideSync(s, { uidValidity: 1, uidNext: 3, exists: 2 }, PLAIN)).toEqual([{ type: 'new-uids', fromUid: 1 }]);
  });
});
