import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { ensureLab, lab } from '../../lab/env';
import { cdrQueries, createCdrSqlConnector, testCdrSql } from '../../../src/main/connectors/cdr-sql/cdr-sql-connector';
import type { SqlCursor } from '../../../src/main/connectors/cdr-sql/sql-cursor';
import type { Connector } from '../../../src/main/connectors/connector';
import type { CdrSqlSourceConfig } from '../../../src/shared/ipc/schemas';
import { CodedError } from '../../../src/shared/result';
import { calls, recordingContext } from './helpers';

// A private stretch of time per run, so other suites' rows in the shared table stay out of view.
const year = 2100 + Math.floor(Math.random() * 90);
const tag = `cdrtest-${process.pid}-${Date.now()}`;
let writer: mysql.Connection;
const open: Connector[] = [];

const config = (over: Partial<CdrSqlSourceConfig> = {}): CdrSqlSourceConfig => ({
  id: 'pbx-sql',
  label: 'PBX DB',
  enabled: true,
  kind: 'cdr-sql',
  host: lab.mysql.host,
  port: lab.mysql.port,
  user: lab.mysql.user,
  database: lab.mysql.database,
  table: lab.mysql.table,
  tls: 'off',
  defaultRegion: 'DE',
  extensionPattern: '^\\d{3}$',
  timeZone: 'UTC',
  ...over,
});

function connector(over: Partial<CdrSqlSourceConfig> = {}, password: string = lab.mysql.password) {
  const ctx = recordingContext(password);
  const c = createCdrSqlConnector(config(over), ctx);
  open.push(c);
  return { c, ctx };
}

let uid = 0;
const at = (month: number, minute: number, second = 0) => `${year}-${String(month).padStart(2, '0')}-01 10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
async function insert(rows: { calldate: string; uniqueid?: string; src?: string; dst?: string; channel?: string; dstchannel?: string; disposition?: string; billsec?: number; sequence?: number }[]) {
  for (const r of rows) {
    uid += 1;
    await writer.query('INSERT INTO cdr SET ?', [
      {
        calldate: r.calldate,
        clid: `"Caller" <${r.src ?? '0301234567'}>`,
        src: r.src ?? '0301234567',
        dst: r.dst ?? '101',
        dcontext: 'from-pstn',
        channel: r.channel ?? 'PJSIP/trunk-00000001',
        dstchannel: r.dstchannel ?? 'PJSIP/101-00000002',
        lastapp: 'Dial',
        lastdata: 'PJSIP/101,30',
        duration: 60,
        billsec: r.billsec ?? 50,
        disposition: r.disposition ?? 'ANSWERED',
        amaflags: 3,
        accountcode: '',
        uniqueid: r.uniqueid ?? `${tag}.${uid}`,
        userfield: tag,
        peeraccount: '',
        linkedid: r.uniqueid ?? `${tag}.${uid}`,
        sequence: r.sequence ?? uid,
      },
    ]);
  }
}
const from = (calldate: string): SqlCursor => ({ v: 1, calldate, uniqueid: '', recent: {} });
const mine = (b: Awaited<ReturnType<Connector['pull']>>) => calls(b).filter((r) => r.raw?.userfield === tag);

beforeAll(async () => {
  ensureLab(['mysql']);
  writer = await mysql.createConnection({ host: lab.mysql.host, port: lab.mysql.port, user: lab.mysql.writer.user, password: lab.mysql.writer.password, database: lab.mysql.database, dateStrings: true });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
  await writer?.query('DELETE FROM cdr WHERE userfield = ?', [tag]);
  await writer?.end();
});

describe('cdr-sql connector (MariaDB)', () => {
  it('pulls incrementally; rows inserted between pulls arrive once; replaying a cursor is idempotent', async () => {
    await insert([{ calldate: at(1, 0) }, { calldate: at(1, 1), disposition: 'NO ANSWER', billsec: 0 }, { calldate: at(1, 2), src: '101', dst: '00442079460958', channel: 'PJSIP/101-00000003', dstchannel: 'PJSIP/trunk-00000004' }]);
    const { c } = connector();
    const start = from(at(1, 0).replace('10:00:00', '09:59:59'));
    const b1 = await c.pull(start, 100);
    expect(mine(b1).map((r) => [r.direction, r.outcome, r.customerNumber])).toEqual([
      ['inbound', 'answered', '+49301234567'],
      ['inbound', 'missed', '+49301234567'],
      ['outbound', 'answered', '+442079460958'],
    ]);
    expect(mine(b1)[0]?.start).toBe(Date.parse(`${at(1, 0).replace(' ', 'T')}Z`));
    expect(b1.hasMore).toBe(false);

    expect(mine(await c.pull(b1.cursor, 100))).toEqual([]);
    await insert([{ calldate: at(1, 3) }, { calldate: at(1, 4) }]);
    const b2 = await c.pull(b1.cursor, 100);
    expect(mine(b2)).toHaveLength(2);
    const replay = await c.pull(b1.cursor, 100);
    expect(mine(replay).map((r) => r.sourceKey)).toEqual(mine(b2).map((r) => r.sourceKey));
    expect(mine(await c.pull(b2.cursor, 100))).toEqual([]);
  });

  it('breaks calldate ties by uniqueid across page boundaries, losing and repeating nothing', async () => {
    const t = at(2, 0);
    const ids = ['z', 'a', 'm', 'b', 'y'].map((s) => `${tag}.tie-${s}`);
    await insert(ids.map((uniqueid) => ({ calldate: t, uniqueid })));
    const { c } = connector();
    let cursor: unknown = from(at(1, 59));
    const seen: string[] = [];
    const more: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const b = await c.pull(cursor, 2);
      seen.push(...mine(b).map((r) => r.raw?.uniqueid ?? ''));
      more.push(b.hasMore);
      cursor = b.cursor;
      if (!b.hasMore) break;
    }
    expect(seen).toEqual([...ids].sort());
    expect(more.slice(0, 2)).toEqual([true, true]);
    expect(more.at(-1)).toBe(false);
    // A row at the same second with a greater uniqueid, inserted later, is still picked up.
    await insert([{ calldate: t, uniqueid: `${tag}.tie-zz` }]);
    expect(mine(await c.pull(cursor, 10)).map((r) => r.raw?.uniqueid)).toEqual([`${tag}.tie-zz`]);
  });

  it('catches a long call written after later-starting calls were already read (late arrival), once', async () => {
    await insert([{ calldate: at(3, 10) }]);
    const { c } = connector();
    const b1 = await c.pull(from(at(3, 0)), 100);
    expect(mine(b1)).toHaveLength(1);
    // The call that started at 10:05 ends now, after the 10:10 one was read.
    await insert([{ calldate: at(3, 5), uniqueid: `${tag}.late` }]);
    const b2 = await c.pull(b1.cursor, 100);
    expect(mine(b2).map((r) => r.raw?.uniqueid)).toEqual([`${tag}.late`]);
    expect(mine(await c.pull(b2.cursor, 100))).toEqual([]);
  });

  it('reports an unparseable number with the row id and still imports the call', async () => {
    await insert([{ calldate: at(4, 0), src: 'x12', uniqueid: `${tag}.badnum` }]);
    const { c } = connector();
    const b = await c.pull(from(at(3, 59)), 100);
    expect(mine(b).map((r) => r.customerNumber)).toEqual(['12']);
    expect(b.problems?.some((p) => p.reason.includes(`${tag}.badnum`) && p.reason.includes('unparseable number'))).toBe(true);
  });

  it('the pull statements use the calldate index; the forward one reads in index order (no filesort)', async () => {
    // Plans on a near-empty table are meaningless: give this run's stretch of time 3000 rows.
    const base = Date.parse(`${year}-06-01T00:00:00Z`);
    const bulk = Array.from({ length: 3000 }, (_, i) => [new Date(base + i * 7000).toISOString().slice(0, 19).replace('T', ' '), `${tag}.bulk${i}`, tag]);
    await writer.query('INSERT INTO cdr (calldate, uniqueid, userfield) VALUES ?', [bulk]);
    await writer.query('ANALYZE TABLE cdr');
    const q = cdrQueries('cdr');
    const mid = `${year}-06-01 05:00:00`;
    const [forward] = await writer.query<RowDataPacket[]>(`EXPLAIN ${q.forward}`, [mid, 500]);
    expect(forward[0]).toMatchObject({ key: 'calldate' });
    expect(String(forward[0]?.Extra)).not.toContain('filesort');
    const [tie] = await writer.query<RowDataPacket[]>(`EXPLAIN ${q.tie}`, [mid, '', 500]);
    expect(tie[0]).toMatchObject({ key: 'calldate' });
    // In a real CDR table the 4-hour window is a sliver of the rows; here 30 minutes of 5.8 hours.
    const [window] = await writer.query<RowDataPacket[]>(`EXPLAIN ${q.window}`, [`${year}-06-01 04:30:00`, mid, 5000]);
    expect(window[0]).toMatchObject({ key: 'calldate' });
  });

  it('the app user is read-only', async () => {
    const ro = await mysql.createConnection({ host: lab.mysql.host, port: lab.mysql.port, user: lab.mysql.user, password: lab.mysql.password, database: lab.mysql.database });
    try {
      await expect(ro.query('INSERT INTO cdr SET uniqueid = ?, userfield = ?', [`${tag}.ro`, tag])).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    } finally {
      await ro.end();
    }
  });

  it('test(): a good config passes dns/tcp/tls/auth/read; a bad password fails at auth', async () => {
    const good = await testCdrSql(config({ host: 'localhost', tls: 'preferred' }), lab.mysql.password);
    expect(good.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['read', true],
    ]);
    const bad = await testCdrSql(config(), 'wrong-password');
    expect(bad.ok).toBe(false);
    expect(bad.steps.at(-1)).toMatchObject({ step: 'auth', ok: false, message: expect.stringContaining('ER_ACCESS_DENIED_ERROR') });
  });

  it('test(): precise failures for tls required without server TLS, closed port and unknown host', async () => {
    const tls = await testCdrSql(config({ tls: 'required' }), lab.mysql.password);
    expect(tls.steps.at(-1)).toMatchObject({ step: 'tls', ok: false, message: expect.stringContaining('does not offer TLS') });
    const tcp = await testCdrSql(config({ port: 1 }), lab.mysql.password);
    expect(tcp.steps.at(-1)).toMatchObject({ step: 'tcp', ok: false });
    const dns = await testCdrSql(config({ host: 'no-such-host.invalid' }), lab.mysql.password);
    expect(dns.steps).toEqual([{ step: 'dns', ok: false, message: expect.stringContaining('does not resolve') }]);
  });

  it('pull with a bad password throws CodedError auth and reports the source in error', async () => {
    const { c, ctx } = connector({}, 'wrong-password');
    const err = await c.pull(null, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).code).toBe('auth');
    expect(ctx.statuses.at(-1)?.state).toBe('error');
  });

  it('tls preferred falls back to plain when the server has none; required refuses', async () => {
    const { c } = connector({ tls: 'preferred' });
    await expect(c.pull(from(at(4, 59)), 10)).resolves.toMatchObject({ sourceId: 'pbx-sql' });
    const { c: strict } = connector({ tls: 'required' });
    await expect(strict.pull(null, 10)).rejects.toMatchObject({ code: 'tls' });
  });

  // Last in the file: its row (November) must not show up in the other tests' open-ended pulls.
  it('while running, it asks for a pull on its own (a database has no push): a call inserted later arrives', async () => {
    const ctx = recordingContext(lab.mysql.password);
    const c = createCdrSqlConnector(config(), ctx, { pollMs: 40 });
    open.push(c);
    const start = from(at(11, 0).replace('10:00:00', '09:59:59'));
    const b1 = await c.pull(start, 100);
    expect(mine(b1)).toEqual([]);
    await c.start!();
    await insert([{ calldate: at(11, 5) }]);
    const changed = () => ctx.events.filter((e) => e.event === 'sources:changed').length;
    await expect.poll(changed, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(ctx.events.every((e) => e.event !== 'sources:changed' || (e.payload as { sourceId: string }).sourceId === 'pbx-sql')).toBe(true);
    expect(mine(await c.pull(b1.cursor, 100))).toHaveLength(1);
    await c.stop();
    const after = changed();
    await new Promise((r) => setTimeout(r, 150));
    expect(changed()).toBe(after);
  });
});
