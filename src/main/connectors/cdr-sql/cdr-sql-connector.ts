/**
 * Source kind 'cdr-sql': Asterisk/FreePBX's `cdr` table in MySQL/MariaDB (asteriskcdrdb), read with
 * read-only credentials through mysql2. Incremental by keyset (calldate, uniqueid); see
 * sql-cursor.ts for the late-arrival window and docs/calls.md for the query plan.
 */
import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect } from 'node:net';
import mysql, { type Pool, type PoolConnection, type RowDataPacket, type ConnectionOptions } from 'mysql2/promise';
import type { CallRecord, ImportProblem, SourceBatch } from '../../../shared/domain';
import type { TestReport, TestStep } from '../../../shared/ipc/contract';
import type { CdrSqlSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { cdrToCallRecord } from '../../../shared/phone/cdr-record';
import type { CdrRow } from '../../../shared/phone/cdr-row';
import { hash64 } from '../../../shared/phone/hash';
import { parseCallTime } from '../../../shared/phone/local-time';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { phoneRules } from '../cdr-csv/cdr-csv-connector';
import { emptySqlCursor, isSqlCursor, LOOKBACK_SECONDS, minusSeconds, pruneRecent, type SqlCursor } from './sql-cursor';
import { sqlErrorCode, sqlErrorMessage } from './sql-errors';

/** Rows re-read per pull to find late arrivals (see sql-cursor.ts). */
const LOOKBACK_ROW_CAP = 5000;
const CONNECT_TIMEOUT_MS = 10_000;

type Row = RowDataPacket & Record<string, unknown>;

/** The statements a pull runs (exported so the integration test can EXPLAIN exactly these). */
export const cdrQueries = (table: string) => {
  const t = `\`${table}\``; // the schema allows [A-Za-z0-9_$] only
  return {
    /** The rest of the cursor's second, bytewise uniqueid order. */
    tie: `SELECT * FROM ${t} WHERE calldate = ? AND BINARY uniqueid > BINARY ? ORDER BY BINARY uniqueid LIMIT ?`,
    /** Forward in calldate index order (no filesort). */
    forward: `SELECT * FROM ${t} WHERE calldate > ? ORDER BY calldate LIMIT ?`,
    first: `SELECT * FROM ${t} ORDER BY calldate LIMIT ?`,
    /** One whole second (completes the last second of a full page). */
    second: `SELECT * FROM ${t} WHERE calldate = ? ORDER BY BINARY uniqueid LIMIT ?`,
    /** The late-arrival window. */
    window: `SELECT * FROM ${t} WHERE calldate >= ? AND calldate <= ? ORDER BY calldate LIMIT ?`,
  };
};

export interface CdrSqlOptions {
  now?: () => number;
  /** How often new rows are looked for (ms). A database has no push: the connector asks. Default 30 s. */
  pollMs?: number;
}

export const CDR_SQL_POLL_MS = 30_000;

function connectionOptions(config: CdrSqlSourceConfig, password: string | undefined, tls: boolean): ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: password ?? '',
    database: config.database,
    dateStrings: true,
    supportBigNumbers: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // 'required' verifies the server certificate; 'preferred' encrypts when offered, like the
    // mysql client's ssl-mode=PREFERRED (no verification, plain when the server has no TLS).
    ...(tls ? { ssl: { rejectUnauthorized: config.tls === 'required', minVersion: 'TLSv1.2' } } : {}),
  };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const int = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : NaN;
};
const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Keyset order: calldate, then uniqueid bytewise (what ORDER BY calldate, BINARY uniqueid gives). */
function sortRows(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => (str(a.calldate) < str(b.calldate) ? -1 : str(a.calldate) > str(b.calldate) ? 1 : byteCompare(str(a.uniqueid), str(b.uniqueid))));
}

export function createCdrSqlConnector(config: CdrSqlSourceConfig, ctx: ConnectorContext, options: CdrSqlOptions = {}): Connector {
  const now = options.now ?? Date.now;
  const sql = cdrQueries(config.table);
  let pool: Pool | undefined;
  let useTls = config.tls !== 'off';
  let poll: ReturnType<typeof setInterval> | undefined;

  const makePool = () =>
    mysql.createPool({ ...connectionOptions(config, ctx.password, useTls), connectionLimit: 2, maxIdle: 1, idleTimeout: 60_000, enableKeepAlive: true });

  async function connection(): Promise<PoolConnection> {
    pool ??= makePool();
    try {
      return await pool.getConnection();
    } catch (e) {
      if ((e as { code?: string }).code === 'HANDSHAKE_NO_SSL_SUPPORT' && config.tls === 'preferred' && useTls) {
        ctx.log('server offers no TLS; tls=preferred, so connecting unencrypted');
        await pool.end().catch(() => {});
        useTls = false;
        pool = makePool();
        return pool.getConnection();
      }
      throw e;
    }
  }

  async function closePool() {
    const p = pool;
    pool = undefined;
    await p?.end().catch(() => {});
  }

  function toCdrRow(r: Row, start: number): CdrRow {
    return {
      src: str(r.src),
      dst: str(r.dst),
      clid: str(r.clid),
      dcontext: str(r.dcontext),
      channel: str(r.channel),
      dstchannel: str(r.dstchannel),
      lastapp: str(r.lastapp),
      lastdata: str(r.lastdata),
      disposition: str(r.disposition),
      duration: int(r.duration),
      billsec: int(r.billsec),
      start,
      accountcode: str(r.accountcode),
      amaflags: str(r.amaflags),
      uniqueid: str(r.uniqueid),
      userfield: str(r.userfield),
      ...('peeraccount' in r ? { peeraccount: str(r.peeraccount) } : {}),
      ...('linkedid' in r ? { linkedid: str(r.linkedid) } : {}),
      // sequence only identifies a CDR when Asterisk filled it (linkedid set alongside).
      ...('sequence' in r && str(r.linkedid) !== '' ? { sequence: str(r.sequence) } : {}),
      ...('recordingfile' in r ? { recordingfile: str(r.recordingfile) } : {}),
    };
  }

  return {
    sourceId: config.id,
    async pull(cursorIn, limit): Promise<SourceBatch> {
      const { timeZone, isExtension } = phoneRules(config);
      const cursor: SqlCursor = isSqlCursor(cursorIn) ? cursorIn : emptySqlCursor();
      let conn: PoolConnection | undefined;
      const keyset: Row[] = [];
      let late: Row[] = [];
      let more = false;
      try {
        conn = await connection();
        ctx.setStatus({ state: 'syncing' });
        await conn.query('START TRANSACTION READ ONLY');
        if (cursor.calldate) {
          // The rest of the cursor's second.
          const [q1] = await conn.query<Row[]>(sql.tie, [cursor.calldate, cursor.uniqueid, limit]);
          keyset.push(...q1);
          more = q1.length === limit;
        }
        if (!more) {
          // Forward in calldate index order (no filesort), whole seconds only.
          const room = limit - keyset.length;
          const [q2] = cursor.calldate
            ? await conn.query<Row[]>(sql.forward, [cursor.calldate, room])
            : await conn.query<Row[]>(sql.first, [room]);
          let page = sortRows(q2);
          if (q2.length === room && page.length) {
            more = true;
            const lastCalldate = str(page[page.length - 1]!.calldate);
            const whole = page.filter((r) => str(r.calldate) !== lastCalldate);
            const [group] = await conn.query<Row[]>(sql.second, [lastCalldate, room - whole.length]);
            page = [...whole, ...group];
          }
          keyset.push(...page);
        }
        const last = keyset[keyset.length - 1];
        const high = last ? str(last.calldate) : cursor.calldate;
        if (!more && high) {
          const [q3] = await conn.query<Row[]>(sql.window, [minusSeconds(high, LOOKBACK_SECONDS), high, LOOKBACK_ROW_CAP]);
          late = q3;
        }
        await conn.query('COMMIT');
      } catch (e) {
        const code = sqlErrorCode(e);
        const message = sqlErrorMessage(e);
        ctx.setStatus({ state: code === 'tcp' || code === 'dns' || code === 'timeout' ? 'offline' : 'error', message });
        if (code !== 'internal' && code !== 'rejected') {
          conn?.destroy();
          conn = undefined;
          await closePool();
        }
        throw new CodedError(code, `CDR database ${config.host}:${config.port}: ${message}`);
      } finally {
        conn?.release();
      }

      const records: CallRecord[] = [];
      const problems: ImportProblem[] = [];
      const recent: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(cursor.recent)) recent[k] = [...v];
      const seen = new Set(Object.values(recent).flat());
      const emit = (r: Row, isLate: boolean) => {
        const calldate = str(r.calldate);
        const rawText = Object.entries(r).map(([k, v]) => `${k}=${str(v)}`).join('\u001f');
        const raw: Record<string, string> = {};
        for (const [k, v] of Object.entries(r)) raw[k] = str(v);
        const start = parseCallTime(calldate, timeZone);
        let key: string;
        if (!start.ok || Number.isNaN(int(r.duration)) || Number.isNaN(int(r.billsec))) {
          key = `${config.id}:bad:${hash64(rawText)}`;
        } else {
          const { record, problems: rowProblems } = cdrToCallRecord(toCdrRow(r, start.epochMs), { sourceId: config.id, defaultRegion: config.defaultRegion, isExtension, raw, rawText, recordingUrl: config.recordingUrl });
          key = record.sourceKey;
          const h = hash64(key).slice(0, 12);
          if (isLate && seen.has(h)) return;
          for (const reason of rowProblems) problems.push({ sourceId: config.id, file: `${config.database}.${config.table}`, reason: `uniqueid ${str(r.uniqueid)}: ${reason}`, ts: now() });
          records.push(record);
          seen.add(h);
          (recent[calldate] ??= []).push(h);
          return;
        }
        const h = hash64(key).slice(0, 12);
        if (isLate && seen.has(h)) return;
        const why = !start.ok ? `calldate: ${start.error}` : `duration/billsec not numbers (${str(r.duration)}/${str(r.billsec)})`;
        problems.push({ sourceId: config.id, file: `${config.database}.${config.table}`, reason: `uniqueid ${str(r.uniqueid)}: ${why}`, ts: now() });
        seen.add(h);
        (recent[calldate] ??= []).push(h);
      };
      for (const r of keyset) emit(r, false);
      for (const r of late) emit(r, true);

      const last = keyset[keyset.length - 1];
      const next: SqlCursor = {
        v: 1,
        calldate: last ? str(last.calldate) : cursor.calldate,
        uniqueid: last ? str(last.uniqueid) : cursor.uniqueid,
        recent: {},
      };
      next.recent = pruneRecent(recent, next.calldate);
      ctx.setStatus({ state: 'online' });
      return {
        sourceId: config.id,
        records,
        cursor: next,
        hasMore: more,
        progress: [{ label: `${config.database}.${config.table}`, done: records.length, total: records.length + (more ? 1 : 0) }],
        ...(problems.length ? { problems } : {}),
      };
    },
    async start() {
      // New calls (and rows Asterisk writes late, at hang-up) are found by pulling again: a
      // change notice makes the renderer pull from its cursor, like a file watch or IDLE does.
      clearInterval(poll);
      poll = setInterval(() => ctx.emit('sources:changed', { sourceId: config.id }), options.pollMs ?? CDR_SQL_POLL_MS);
      poll.unref?.();
    },
    async stop() {
      clearInterval(poll);
      poll = undefined;
      await closePool();
    },
  };
}

async function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = tcpConnect({ host, port });
    const t = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    s.once('connect', () => {
      clearTimeout(t);
      s.end();
      resolve();
    });
    s.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}

/** Settings check, step by step: dns, tcp, tls, auth, read (and whether the user could write). */
export async function testCdrSql(config: CdrSqlSourceConfig, password: string | undefined): Promise<TestReport> {
  const steps: TestStep[] = [];
  const done = (): TestReport => ({ ok: steps.every((s) => s.ok), steps });
  try {
    phoneRules(config);
  } catch (e) {
    steps.push({ step: 'capability', ok: false, message: (e as Error).message });
    return done();
  }
  try {
    if (isIP(config.host)) steps.push({ step: 'dns', ok: true, message: `${config.host} is an IP address` });
    else {
      const a = await lookup(config.host);
      steps.push({ step: 'dns', ok: true, message: `${config.host} -> ${a.address}` });
    }
  } catch (e) {
    steps.push({ step: 'dns', ok: false, message: `${config.host} does not resolve: ${(e as Error).message}` });
    return done();
  }
  try {
    await tcpProbe(config.host, config.port, CONNECT_TIMEOUT_MS);
    steps.push({ step: 'tcp', ok: true, message: `port ${config.port} is open` });
  } catch (e) {
    steps.push({ step: 'tcp', ok: false, message: `cannot connect to ${config.host}:${config.port}: ${(e as Error).message}` });
    return done();
  }

  let conn: mysql.Connection | undefined;
  let tls = config.tls !== 'off';
  try {
    try {
      conn = await mysql.createConnection(connectionOptions(config, password, tls));
    } catch (e) {
      const code = sqlErrorCode(e);
      if (code === 'tls' && (e as { code?: string }).code === 'HANDSHAKE_NO_SSL_SUPPORT' && config.tls === 'preferred') {
        steps.push({ step: 'tls', ok: true, message: 'the server offers no TLS; connecting unencrypted (tls: preferred)' });
        tls = false;
        conn = await mysql.createConnection(connectionOptions(config, password, false));
      } else throw e;
    }
    if (tls) {
      const [[v]] = await conn.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
      steps.push({ step: 'tls', ok: true, message: `encrypted (${str(v?.Value) || 'TLS'})${config.tls === 'preferred' ? ', certificate not verified (preferred)' : ''}` });
    } else if (config.tls === 'off') {
      steps.push({ step: 'tls', ok: true, message: 'not used (tls: off)' });
    }
    steps.push({ step: 'auth', ok: true, message: `logged in as ${config.user}` });
  } catch (e) {
    const code = sqlErrorCode(e);
    const message = sqlErrorMessage(e);
    if (code === 'tls') steps.push({ step: 'tls', ok: false, message });
    else {
      if (tls && !steps.some((s) => s.step === 'tls')) steps.push({ step: 'tls', ok: true, message: 'TLS handshake completed' });
      steps.push({ step: code === 'auth' ? 'auth' : code === 'timeout' || code === 'tcp' ? 'tcp' : 'auth', ok: false, message });
    }
    await conn?.end().catch(() => {});
    return done();
  }
  try {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT calldate FROM \`${config.table}\` ORDER BY calldate DESC LIMIT 1`);
    const [grants] = await conn.query<RowDataPacket[]>('SHOW GRANTS FOR CURRENT_USER()');
    const text = grants.map((g) => String(Object.values(g)[0])).join('\n');
    const writes = /\bGRANT\b[^\n]*\b(ALL PRIVILEGES|INSERT|UPDATE|DELETE|DROP|ALTER)\b/i.test(text);
    const newest = rows[0] ? `newest call ${str(rows[0].calldate)}` : 'the table is empty';
    steps.push({
      step: 'read',
      ok: true,
      message: `${config.database}.${config.table} readable, ${newest}${writes ? '; note: this user may also write (a SELECT-only user is recommended; the app only reads, in READ ONLY transactions)' : ''}`,
    });
  } catch (e) {
    steps.push({ step: 'read', ok: false, message: sqlErrorMessage(e) });
  } finally {
    await conn.end().catch(() => {});
  }
  return done();
}

export const cdrSqlFactory: ConnectorFactory<'cdr-sql'> = {
  kind: 'cdr-sql',
  create: (config, ctx) => createCdrSqlConnector(config, ctx),
  test: (config, password) => testCdrSql(config, password),
};
