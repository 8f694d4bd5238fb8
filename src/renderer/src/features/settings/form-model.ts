/**
 * Settings form logic (pure): defaults per source kind, the usual ports per security mode,
 * client-side checks with the same zod schemas main uses, and mapping main's invalid-payload
 * message back to the field it names.
 */
import { sourceConfigSchema, type SourceConfig } from '../../../../shared/ipc/schemas';
import { xmppServerHost } from '../../../../shared/chat/jid';
import { isLocalNetworkHost, PLAIN_ONLY_LOCAL } from '../../../../shared/security/local-host';

export type RealKind = Exclude<SourceConfig['kind'], 'demo'>;

export const KIND_LABEL: Record<SourceConfig['kind'], string> = {
  imap: 'Email (IMAP + SMTP)',
  xmpp: 'Chat (XMPP)',
  'cdr-csv': 'Asterisk CDR file',
  'cdr-sql': 'Asterisk CDR database',
  'csv-generic': 'Call log CSV (any PBX)',
  demo: 'Demo workspace',
};

export const KIND_HINT: Record<RealKind, string> = {
  imap: 'A shared support mailbox or your own: mail syncs in, replies go out through its SMTP server.',
  xmpp: 'The team chat account customers write to.',
  'cdr-csv': "Asterisk's Master.csv, followed as it grows.",
  'cdr-sql': 'The cdr table of an Asterisk CDR database (MySQL/MariaDB), read-only access is enough.',
  'csv-generic': 'A CSV export from any phone system: you map its columns once and save it as a preset.',
};

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
  } catch {
    return ['UTC'];
  }
}

function regionGuess(): string {
  const lang = typeof navigator === 'undefined' ? '' : navigator.language;
  const m = /-([A-Z]{2})\b/.exec(lang);
  return m?.[1] ?? 'US';
}

export function newId(kind: RealKind): string {
  return `${kind}-${crypto.randomUUID().slice(0, 8)}`;
}

export function defaultConfig(kind: RealKind): SourceConfig {
  const base = { id: newId(kind), label: '', enabled: true };
  const phone = { defaultRegion: regionGuess(), extensionPattern: '^\\d{2,5}$', timeZone: localTimeZone() };
  switch (kind) {
    case 'imap':
      return {
        ...base,
        kind,
        displayName: '',
        email: '',
        user: '',
        imap: { host: '', port: 993, security: 'tls' },
        smtp: { host: '', port: 465, security: 'tls' },
        allowPlain: false,
        allowSelfSigned: false,
        folders: ['INBOX'],
        sentFolder: 'Sent',
        signature: '',
        teamAddresses: [],
        teamFolder: '',
      };
    case 'xmpp':
      return { ...base, kind, jid: '', host: '', port: 0, security: 'starttls', allowSelfSigned: false, resource: defaultResource(), sessionGapMinutes: 30 };
    case 'cdr-csv':
      return { ...base, kind, path: '/var/log/asterisk/cdr-csv/Master.csv', ...phone };
    case 'cdr-sql':
      return { ...base, kind, host: '', port: 3306, user: '', database: 'asteriskcdrdb', table: 'cdr', tls: 'preferred', ...phone };
    case 'csv-generic':
      return { ...base, kind, path: '', presetName: '', mapping: { start: '', caller: '', callee: '' }, delimiter: ',', ...phone };
  }
}

export const DEFAULT_PORTS = {
  imap: { tls: 993, starttls: 143, plain: 143 },
  smtp: { tls: 465, starttls: 587, plain: 25 },
  xmpp: { tls: 5223, starttls: 5222, plain: 5222 },
} as const;

/** When the agent changes the security mode, move a port that still holds a usual value along. */
export function portForSecurity(proto: keyof typeof DEFAULT_PORTS, current: number, from: 'tls' | 'starttls' | 'plain', to: 'tls' | 'starttls' | 'plain'): number {
  const usual = Object.values(DEFAULT_PORTS[proto]) as number[];
  if (current === 0 || current === DEFAULT_PORTS[proto][from] || usual.includes(current)) return DEFAULT_PORTS[proto][to];
  return current;
}

/** A label when the agent left it empty. */
export function autoLabel(c: SourceConfig): string {
  if (c.label.trim()) return c.label.trim();
  switch (c.kind) {
    case 'imap':
      return c.email || 'Mailbox';
    case 'xmpp':
      return c.jid || 'Chat';
    case 'cdr-csv':
    case 'csv-generic':
      return c.path.split(/[\\/]/).pop() || 'Call log';
    case 'cdr-sql':
      return `${c.database}@${c.host || 'database'}`;
    case 'demo':
      return 'Demo workspace';
  }
}

export type FieldErrors = Record<string, string>;

/**
 * A resource of its own for each console: two consoles on the same full JID would knock each
 * other off the server (the newer session replaces the older one) and then reconnect in turn.
 */
export function defaultResource(): string {
  return `switchboard-${Math.random().toString(36).slice(2, 8)}`;
}

/** Field path ("imap.port") -> message; the same schema main validates with, plus the plain-text rule. */
export function validate(config: SourceConfig, opts: { password: string; hasPassword: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = sourceConfigSchema.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= humanIssue(path, issue.message);
    }
  }
  if (config.kind === 'imap') {
    for (const ep of ['imap', 'smtp'] as const) {
      if (config[ep].security === 'plain' && !config.allowPlain) {
        errors[`${ep}.security`] = 'Unencrypted connections need "Allow unencrypted" below (lab or loopback servers only).';
      } else if (config[ep].security === 'plain' && config[ep].host.trim() && !isLocalNetworkHost(config[ep].host)) {
        errors[`${ep}.security`] = PLAIN_ONLY_LOCAL;
      }
    }
    if (config.folders.some((f) => !f.trim())) errors.folders = 'Folder names cannot be empty.';
  }
  if (config.kind === 'xmpp' && config.port !== 0 && !config.host) errors.host = 'A port override needs a host too.';
  if (config.kind === 'xmpp' && config.security === 'plain') {
    const host = xmppServerHost(config);
    if (host.trim() && !isLocalNetworkHost(host)) errors.security = PLAIN_ONLY_LOCAL;
  }
  if (config.kind === 'cdr-csv' || config.kind === 'cdr-sql' || config.kind === 'csv-generic') {
    try {
      if (config.extensionPattern) new RegExp(config.extensionPattern);
    } catch {
      errors.extensionPattern = 'Not a valid regular expression.';
    }
    if (!/^[A-Z]{2}$/.test(config.defaultRegion)) errors.defaultRegion = 'Two capital letters, like US, DE or GB.';
    if (!config.timeZone) errors.timeZone = 'Pick the time zone the phone system writes its times in.';
    else if (!isTimeZone(config.timeZone)) errors.timeZone = `Unknown time zone: ${config.timeZone}`;
  }
  if ((config.kind === 'cdr-csv' || config.kind === 'cdr-sql') && config.recordingUrl?.trim() && !/^https?:\/\/[^\s/]+/i.test(config.recordingUrl.trim())) {
    errors.recordingUrl = 'A web address starting with https:// (or http://), e.g. https://pbx.example.com/monitor/{yyyy}/{mm}/{dd}/{file}';
  }
  const needsPassword = config.kind === 'imap' || config.kind === 'xmpp' || config.kind === 'cdr-sql';
  if (needsPassword && !opts.password && !opts.hasPassword) errors.password = 'Type the password (it is stored encrypted in main, never shown again).';
  return errors;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function humanIssue(path: string, message: string): string {
  if (path.endsWith('port')) return 'A port number from 1 to 65535.';
  if (path === 'email') return 'An email address like support@example.com.';
  if (path === 'label') return 'Give the account a name.';
  if (path.startsWith('teamAddresses')) return 'Team addresses must be email addresses.';
  if (/too_small|>=1|at least 1/i.test(message) || /Too small/.test(message)) return 'Required.';
  return message;
}

/**
 * main answers a bad payload with "Invalid sources:save payload at config.imap.port: <reason>".
 * Returns the field path relative to the config ("imap.port") and the reason.
 */
export function parseInvalidPayload(message: string): { path?: string; reason: string } {
  const m = /payload at ([\w.[\]-]+): (.*)$/s.exec(message);
  if (!m) return { reason: message };
  const path = m[1]!.replace(/^config\./, '');
  return { path, reason: m[2]! };
}

/** "a@x, b@y" <-> ["a@x", "b@y"] */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
