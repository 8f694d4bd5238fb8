import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCdrCsvConnector } from '../../../src/main/connectors/cdr-csv/cdr-csv-connector';
import type { Connector } from '../../../src/main/connectors/connector';
import type { CdrCsvSourceConfig } from '../../../src/shared/ipc/schemas';
import { calls, cdrLine, recordingContext } from './helpers';

let dir: string;
let file: string;
let connector: Connector | undefined;

const config = (path: string): CdrCsvSourceConfig => ({
  id: 'pbx-csv',
  label: 'PBX',
  enabled: true,
  kind: 'cdr-csv',
  path,
  defaultRegion: 'DE',
  extensionPattern: '^\\d{3}$',
  timeZone: 'Europe/Berlin',
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-cdr-csv-'));
  file = join(dir, 'Master.csv');
});
afterEach(async () => {
  await connector?.stop();
  connector = undefined;
  await rm(dir, { recursive: true, force: true });
});

function open() {
  const ctx = recordingContext();
  connector = createCdrCsvConnector(config(file), ctx, { pollMs: 50 });
  return { c: connector, ctx };
}

describe('cdr-csv connector', () => {
  it('reads Master.csv incrementally: appends between pulls, same cursor gives the same batch', async () => {
    await writeFile(file, cdrLine({ uniqueid: 'a.1', sequence: 1 }) + cdrLine({ uniqueid: 'a.2', sequence: 2, disposition: 'NO ANSWER' }));
    const { c } = open();
    const b1 = await c.pull(null, 100);
    expect(calls(b1).map((r) => r.sourceKey)).toEqual(['pbx-csv:a.1:1', 'pbx-csv:a.2:2']);
    expect(calls(b1)[0]).toMatchObject({ customerNumber: '+49301234567', direction: 'inbound', outcome: 'answered', agent: '101', start: Date.UTC(2024, 6, 15, 8) });
    expect(calls(b1)[1]?.outcome).toBe('missed');
    expect(b1.hasMore).toBe(false);
    expect(b1.problems).toBeUndefined();

    const again = await c.pull(null, 100);
    expect(again.cursor).toEqual(b1.cursor);
    expect(calls(again).map((r) => r.sourceKey)).toEqual(calls(b1).map((r) => r.sourceKey));

    expect(calls(await c.pull(b1.cursor, 100))).toEqual([]);
    await appendFile(file, cdrLine({ uniqueid: 'a.3', sequence: 3, src: '101', dst: '0044 20 7946 0958', channel: 'PJSIP/101-1', dstchannel: 'SIP/trunk-2', dcontext: 'from-internal' }));
    const b2 = await c.pull(b1.cursor, 100);
    expect(calls(b2)).toHaveLength(1);
    expect(calls(b2)[0]).toMatchObject({ sourceKey: 'pbx-csv:a.3:3', direction: 'outbound', customerNumber: '+442079460958' });
  });

  it('pages by limit with hasMore, and the pages add up to the file', async () => {
    await writeFile(file, Array.from({ length: 25 }, (_, i) => cdrLine({ uniqueid: `p.${i}`, sequence: i })).join(''));
    const { c } = open();
    const keys: string[] = [];
    let cursor: unknown = null;
    let pulls = 0;
    for (;;) {
      const b = await c.pull(cursor, 10);
      keys.push(...calls(b).map((r) => r.sourceKey));
      cursor = b.cursor;
      pulls += 1;
      if (!b.hasMore) break;
    }
    expect(pulls).toBe(3);
    expect(keys).toEqual(Array.from({ length: 25 }, (_, i) => `pbx-csv:p.${i}:${i}`));
  });

  it('does not consume a half-written last line until its newline arrives', async () => {
    const line = cdrLine({ uniqueid: 'h.2', sequence: 2 });
    await writeFile(file, cdrLine({ uniqueid: 'h.1', sequence: 1 }) + line.slice(0, 40));
    const { c } = open();
    const b1 = await c.pull(null, 100);
    expect(calls(b1).map((r) => r.sourceKey)).toEqual(['pbx-csv:h.1:1']);
    expect(b1.hasMore).toBe(false);
    expect(b1.problems).toBeUndefined();
    await appendFile(file, line.slice(40));
    const b2 = await c.pull(b1.cursor, 100);
    expect(calls(b2).map((r) => r.sourceKey)).toEqual(['pbx-csv:h.2:2']);
    expect(b2.problems).toBeUndefined();
  });

  it('reports malformed rows with file and line while the good rows import', async () => {
    const lines = [
      cdrLine({ uniqueid: 'm.1', sequence: 1 }),
      '"only","three","fields"\n',
      cdrLine({ uniqueid: 'm.3', sequence: 3, start: '2024-02-30 10:00:00' }),
      cdrLine({ uniqueid: 'm.4', sequence: 4 }).replace('"DOCUMENTATION"', '"DOC"x'),
      cdrLine({ uniqueid: 'm.5', sequence: 5, src: '12' }),
      cdrLine({ uniqueid: 'm.6', sequence: 6, clid: 'multi\nline "name"' }),
      cdrLine({ uniqueid: 'm.7', sequence: 7 }),
    ];
    await writeFile(file, lines.join(''));
    const { c } = open();
    const b = await c.pull(null, 100);
    expect(calls(b).map((r) => r.sourceKey)).toEqual(['pbx-csv:m.1:1', 'pbx-csv:m.5:5', 'pbx-csv:m.6:6', 'pbx-csv:m.7:7']);
    expect(calls(b)[1]?.customerNumber).toBe('12');
    const problems = (b.problems ?? []).map((p) => [p.file, p.line, p.reason]);
    expect(problems).toEqual([
      ['Master.csv', 2, expect.stringContaining('found 3')],
      ['Master.csv', 3, expect.stringContaining('impossible date')],
      ['Master.csv', 4, expect.stringContaining('after a closing quote')],
      ['Master.csv', 5, expect.stringContaining('unparseable number')],
    ]);
    // the multi-line row started on line 6 and took two lines, so m.7 is on line 8
    const b2 = await c.pull(b.cursor, 100);
    expect(b2.records).toEqual([]);
    expect(b.cursor).toMatchObject({ line: 8 });
  });

  it('follows rotation by rename + new file: finishes the old file, then starts the new one at 0', async () => {
    await writeFile(file, cdrLine({ uniqueid: 'r.1', sequence: 1 }));
    const { c } = open();
    const b1 = await c.pull(null, 100);
    expect(calls(b1)).toHaveLength(1);
    // More lines land in the old file, then logrotate renames it and Asterisk creates a new one.
    await appendFile(file, cdrLine({ uniqueid: 'r.2', sequence: 2 }) + cdrLine({ uniqueid: 'r.3', sequence: 3 }));
    await rename(file, `${file}.1`);
    await writeFile(file, cdrLine({ uniqueid: 'r.4', sequence: 4 }));
    const b2 = await c.pull(b1.cursor, 1);
    expect(calls(b2).map((r) => r.sourceKey)).toEqual(['pbx-csv:r.2:2']);
    expect(b2.hasMore).toBe(true);
    expect(b2.progress?.[0]?.label).toBe('Master.csv.1');
    const b3 = await c.pull(b2.cursor, 100);
    expect(calls(b3).map((r) => r.sourceKey)).toEqual(['pbx-csv:r.3:3', 'pbx-csv:r.4:4']);
    expect(b3.problems).toBeUndefined();
    const b4 = await c.pull(b3.cursor, 100);
    expect(b4.records).toEqual([]);
    await appendFile(file, cdrLine({ uniqueid: 'r.5', sequence: 5 }));
    expect(calls(await c.pull(b4.cursor, 100)).map((r) => r.sourceKey)).toEqual(['pbx-csv:r.5:5']);
  });

  it('reports when the rotated file is gone and still reads the new file', async () => {
    await writeFile(file, cdrLine({ uniqueid: 'g.1', sequence: 1 }));
    const { c } = open();
    const b1 = await c.pull(null, 100);
    await rm(file);
    await writeFile(file, cdrLine({ uniqueid: 'g.2', sequence: 2 }) + cdrLine({ uniqueid: 'g.3', sequence: 3 }));
    const b2 = await c.pull(b1.cursor, 100);
    expect(calls(b2).map((r) => r.sourceKey)).toEqual(['pbx-csv:g.2:2', 'pbx-csv:g.3:3']);
    expect(b2.problems?.[0]?.reason).toContain('previous version was not found');
  });

  it('restarts at 0 after truncation, with the same keys for re-read rows', async () => {
    await writeFile(file, cdrLine({ uniqueid: 't.1', sequence: 1 }) + cdrLine({ uniqueid: 't.2', sequence: 2 }));
    const { c } = open();
    const b1 = await c.pull(null, 100);
    await truncate(file, 0);
    await appendFile(file, cdrLine({ uniqueid: 't.3', sequence: 3 }));
    const b2 = await c.pull(b1.cursor, 100);
    expect(calls(b2).map((r) => r.sourceKey)).toEqual(['pbx-csv:t.3:3']);
    // copytruncate: the old content went to Master.csv.1 (new inode, same first bytes), file starts over
    await appendFile(file, cdrLine({ uniqueid: 't.4', sequence: 4 }));
    const b3 = await c.pull(b2.cursor, 100);
    expect(calls(b3).map((r) => r.sourceKey)).toEqual(['pbx-csv:t.4:4']);
    const { readFile } = await import('node:fs/promises');
    await writeFile(`${file}.1`, await readFile(file));
    await appendFile(`${file}.1`, cdrLine({ uniqueid: 't.5', sequence: 5 }));
    await truncate(file, 0);
    await appendFile(file, cdrLine({ uniqueid: 't.6', sequence: 6 }));
    const b4 = await c.pull(b3.cursor, 100);
    expect(calls(b4).map((r) => r.sourceKey)).toEqual(['pbx-csv:t.5:5', 'pbx-csv:t.6:6']);
  });

  it('accepts the 16- and 18-field layouts and keys rows without sequence by content', async () => {
    const a = cdrLine({ fields: 16 });
    const b = cdrLine({ uniqueid: '1721030400.77', fields: 18 });
    await writeFile(file, a + b + a);
    const { c } = open();
    const batch = await c.pull(null, 100);
    const keys = calls(batch).map((r) => r.sourceKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^pbx-csv:h[0-9a-f]{16}$/);
    expect(keys[2]).toBe(keys[0]); // identical rows: one call, replays harmless
    expect(keys[1]).not.toBe(keys[0]);
    expect(calls(batch)[1]?.raw?.uniqueid).toBe('1721030400.77');
  });

  it('emits sources:changed when the file grows or is replaced', async () => {
    await writeFile(file, cdrLine());
    const { c, ctx } = open();
    await c.start?.();
    const grown = ctx.next('sources:changed');
    await appendFile(file, cdrLine());
    expect(await grown).toEqual({ sourceId: 'pbx-csv' });
    const replaced = ctx.next('sources:changed');
    await rename(file, `${file}.1`);
    await writeFile(file, cdrLine());
    expect(await replaced).toEqual({ sourceId: 'pbx-csv' });
  });

  it('waits for a missing file without failing, then reads it', async () => {
    const { c, ctx } = open();
    const b = await c.pull(null, 100);
    expect(b.records).toEqual([]);
    expect(ctx.statuses.at(-1)?.state).toBe('offline');
    await writeFile(file, cdrLine({ uniqueid: 'w.1', sequence: 1 }));
    expect(calls(await c.pull(b.cursor, 100)).map((r) => r.sourceKey)).toEqual(['pbx-csv:w.1:1']);
  });
});
