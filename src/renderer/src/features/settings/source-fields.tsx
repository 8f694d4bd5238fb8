/** The fields of each source kind. Controlled: the parent owns the config object. */
import type {
  CdrCsvSourceConfig,
  CdrSqlSourceConfig,
  ImapSourceConfig,
  XmppSourceConfig,
} from '../../../../shared/ipc/schemas';
import { CheckField, NumberField, SelectField, TextAreaField, TextField } from './fields';
import { portForSecurity, splitList, timeZones, type FieldErrors } from './form-model';

type Sec = 'tls' | 'starttls' | 'plain';

export interface PasswordProps {
  password: string;
  hasPassword: boolean;
  onPassword(v: string): void;
}

export function PasswordField({ password, hasPassword, onPassword, errors, label = 'Password' }: PasswordProps & { errors: FieldErrors; label?: string }) {
  return (
    <TextField
      label={label}
      path="password"
      type="password"
      errors={errors}
      value={password}
      autoComplete="new-password"
      placeholder={hasPassword ? 'saved · type to replace' : ''}
      onChange={onPassword}
      hint={
        hasPassword ? (
          <span className="saved-badge" data-testid="password-saved">
            ● saved (encrypted in the system keychain; never shown again)
          </span>
        ) : (
          'Stored encrypted by the app, never sent back to this window.'
        )
      }
    />
  );
}

export function TimeZoneField({ value, onChange, errors }: { value: string; onChange(v: string): void; errors: FieldErrors }) {
  return (
    <>
      <TextField
        label="Time zone of the phone system"
        path="timeZone"
        errors={errors}
        value={value}
        list="sb-time-zones"
        onChange={onChange}
        hint="The zone the PBX writes its times in (CDR times carry none). Explicit, so calls land at the right moment."
      />
      <datalist id="sb-time-zones">
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}

export function PhoneCommonFields<C extends { defaultRegion: string; extensionPattern: string; timeZone: string }>({
  config,
  set,
  errors,
}: {
  config: C;
  set(patch: Partial<C>): void;
  errors: FieldErrors;
}) {
  return (
    <>
      <TextField
        label="Default region"
        path="defaultRegion"
        errors={errors}
        value={config.defaultRegion}
        onChange={(v) => set({ defaultRegion: v.toUpperCase().slice(0, 2) } as Partial<C>)}
        hint="Country for numbers written without a country code (US, DE, GB…)."
      />
      <TextField
        label="Extension pattern"
        path="extensionPattern"
        errors={errors}
        value={config.extensionPattern}
        onChange={(v) => set({ extensionPattern: v } as Partial<C>)}
        hint="Regular expression for internal extensions (agents), e.g. ^\d{2,5}$"
      />
      <TimeZoneField value={config.timeZone} onChange={(v) => set({ timeZone: v } as Partial<C>)} errors={errors} />
    </>
  );
}

/** The phone kinds' last fieldset: region, extensions and time zone. */
export function PhoneNumbersFieldset<C extends { defaultRegion: string; extensionPattern: string; timeZone: string }>(props: { config: C; set(patch: Partial<C>): void; errors: FieldErrors }) {
  return (
    <fieldset>
      <legend>Numbers and times</legend>
      <PhoneCommonFields {...props} />
    </fieldset>
  );
}

/** Where the PBX serves its recordings (Asterisk CDR kinds): makes the call's recording link. */
export function RecordingUrlField({ value, errors, onChange }: { value: string | undefined; errors: FieldErrors; onChange(v: string): void }) {
  return (
    <TextField
      label="Recording links"
      path="recordingUrl"
      errors={errors}
      value={value ?? ''}
      wide
      placeholder="https://pbx.example.com/monitor/{yyyy}/{mm}/{dd}/{file}"
      onChange={onChange}
      hint="Optional. Where the PBX serves recordings: {file} is the recording's file name (FreePBX's recordingfile, or an audio file name in userfield), {yyyy}/{mm}/{dd} the call's date."
    />
  );
}

/** The name the source goes by in Switchboard (every kind has one). */
export function AccountNameField({ value, placeholder, errors, onChange }: { value: string; placeholder: string; errors: FieldErrors; onChange(v: string): void }) {
  return <TextField label="Account name in Switchboard" path="label" errors={errors} value={value} placeholder={placeholder} onChange={onChange} />;
}

function securityOptions(allowPlain: boolean) {
  return [
    { value: 'tls' as const, label: 'TLS (implicit)' },
    { value: 'starttls' as const, label: 'STARTTLS' },
    { value: 'plain' as const, label: allowPlain ? 'Plain (unencrypted)' : 'Plain (unencrypted) — tick "Allow unencrypted" first', disabled: !allowPlain },
  ];
}

export function ImapFields({ config: c, set, errors, ...pw }: { config: ImapSourceConfig; set(p: Partial<ImapSourceConfig>): void; errors: FieldErrors } & PasswordProps) {
  const endpoint = (ep: 'imap' | 'smtp') => {
    const e = c[ep];
    return (
      <>
        <TextField label="Host" path={`${ep}.host`} errors={errors} value={e.host} placeholder={`${ep}.${c.email.split('@')[1] || 'example.com'}`} onChange={(host) => set({ [ep]: { ...e, host } })} />
        <NumberField label="Port" path={`${ep}.port`} errors={errors} value={e.port} onChange={(port) => set({ [ep]: { ...e, port } })} />
        <SelectField<Sec>
          label="Security"
          path={`${ep}.security`}
          errors={errors}
          value={e.security}
          options={securityOptions(c.allowPlain)}
          onChange={(security) => set({ [ep]: { ...e, security, port: portForSecurity(ep, e.port, e.security, security) } })}
        />
      </>
    );
  };
  return (
    <>
      <fieldset>
        <legend>Account</legend>
        <TextField label="Your name as customers see it" path="displayName" errors={errors} value={c.displayName} dirAuto placeholder="Acme Support" onChange={(displayName) => set({ displayName })} />
        <TextField
          label="Email address"
          path="email"
          type="email"
          errors={errors}
          value={c.email}
          placeholder="support@example.com"
          onChange={(email) => set({ email })}
        />
        <AccountNameField value={c.label} placeholder={c.email || 'Support mailbox'} errors={errors} onChange={(label) => set({ label })} />
      </fieldset>
      <fieldset>
        <legend>Incoming mail (IMAP)</legend>
        {endpoint('imap')}
        <TextField label="User name" path="user" errors={errors} value={c.user} placeholder={c.email || 'usually the email address'} onChange={(user) => set({ user })} hint={c.user ? undefined : 'Empty: the email address is used.'} />
        <PasswordField {...pw} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>Outgoing mail (SMTP, same user and password)</legend>
        {endpoint('smtp')}
      </fieldset>
      <fieldset>
        <legend>Connection safety</legend>
        <CheckField
          label="Allow unencrypted connections (lab/loopback only)"
          path="allowPlain"
          errors={errors}
          checked={c.allowPlain}
          hint="Sends the password in the clear. Only for a test server on this machine."
          onChange={(allowPlain) =>
            set(
              allowPlain
                ? { allowPlain }
                : {
                    allowPlain,
                    imap: c.imap.security === 'plain' ? { ...c.imap, security: 'starttls' } : c.imap,
                    smtp: c.smtp.security === 'plain' ? { ...c.smtp, security: 'starttls' } : c.smtp,
                  },
            )
          }
        />
        <CheckField
          label="Accept a self-signed certificate (lab only)"
          path="allowSelfSigned"
          errors={errors}
          checked={c.allowSelfSigned}
          onChange={(allowSelfSigned) => set({ allowSelfSigned })}
        />
      </fieldset>
      <fieldset>
        <legend>Folders and team</legend>
        <TextField label="Folders to sync" path="folders" errors={errors} value={c.folders.join(', ')} onChange={(v) => set({ folders: splitList(v) })} hint="Comma-separated, e.g. INBOX, Support. The Sent folder is synced too, so your replies show on the timeline." />
        <TextField label="Sent folder" path="sentFolder" errors={errors} value={c.sentFolder} onChange={(sentFolder) => set({ sentFolder })} hint="Replies are stored here; retries look here first so nothing goes out twice." />
        <TextField label="Team folder (optional)" path="teamFolder" errors={errors} value={c.teamFolder} placeholder="Public/Team" onChange={(teamFolder) => set({ teamFolder })} />
        <TextAreaField
          label="Team addresses"
          path="teamAddresses"
          errors={errors}
          rows={2}
          value={c.teamAddresses.join(', ')}
          placeholder="agent1@example.com, sales@example.com"
          onChange={(v) => set({ teamAddresses: splitList(v) })}
          hint="Colleagues and aliases: never treated as customers, left out of reply-all."
        />
        <TextAreaField label="Signature" path="signature" errors={errors} rows={3} value={c.signature} onChange={(signature) => set({ signature })} hint="Added below your replies from this account." />
      </fieldset>
    </>
  );
}

export function XmppFields({ config: c, set, errors, ...pw }: { config: XmppSourceConfig; set(p: Partial<XmppSourceConfig>): void; errors: FieldErrors } & PasswordProps & { allowPlain: boolean; setAllowPlain(v: boolean): void }) {
  const { allowPlain, setAllowPlain, ...pass } = pw;
  return (
    <>
      <fieldset>
        <legend>Account</legend>
        <TextField label="JID (chat address)" path="jid" errors={errors} value={c.jid} placeholder="support@example.com" onChange={(jid) => set({ jid })} />
        <PasswordField {...pass} errors={errors} />
        <AccountNameField value={c.label} placeholder={c.jid || 'Support chat'} errors={errors} onChange={(label) => set({ label })} />
        <TextField label="Resource" path="resource" errors={errors} value={c.resource} onChange={(resource) => set({ resource })} hint="Identifies this app among your devices." />
      </fieldset>
      <fieldset>
        <legend>Server (leave empty to connect to the JID's domain, port 5222)</legend>
        <TextField label="Host override" path="host" errors={errors} value={c.host} placeholder="the JID's domain" onChange={(host) => set({ host })} />
        <NumberField label="Port override" path="port" errors={errors} value={c.port} emptyIsZero placeholder="5222" onChange={(port) => set({ port })} />
        <SelectField<Sec>
          label="Security"
          path="security"
          errors={errors}
          value={c.security}
          options={securityOptions(allowPlain)}
          onChange={(security) => set({ security })}
        />
        <CheckField
          label="Allow unencrypted connections (lab/loopback only)"
          path="allowPlain"
          errors={errors}
          checked={allowPlain}
          onChange={(v) => {
            setAllowPlain(v);
            if (!v && c.security === 'plain') set({ security: 'starttls' });
          }}
        />
        <CheckField label="Accept a self-signed certificate (lab only)" path="allowSelfSigned" errors={errors} checked={c.allowSelfSigned} onChange={(allowSelfSigned) => set({ allowSelfSigned })} />
      </fieldset>
      <fieldset>
        <legend>Conversations</legend>
        <NumberField
          label="Session gap (minutes)"
          path="sessionGapMinutes"
          errors={errors}
          value={c.sessionGapMinutes}
          onChange={(sessionGapMinutes) => set({ sessionGapMinutes })}
          hint="After this much silence a new chat conversation starts in the queue."
        />
      </fieldset>
    </>
  );
}

export function CdrCsvFields({ config: c, set, errors }: { config: CdrCsvSourceConfig; set(p: Partial<CdrCsvSourceConfig>): void; errors: FieldErrors }) {
  return (
    <>
      <fieldset>
        <legend>File</legend>
        <TextField label="Path to Master.csv" path="path" errors={errors} value={c.path} wide onChange={(path) => set({ path })} hint="Read as it grows; rotation and truncation are detected." />
        <AccountNameField value={c.label} placeholder="Phone calls" errors={errors} onChange={(label) => set({ label })} />
        <RecordingUrlField value={c.recordingUrl} errors={errors} onChange={(recordingUrl) => set({ recordingUrl })} />
      </fieldset>
      <PhoneNumbersFieldset config={c} set={set} errors={errors} />
    </>
  );
}

export function CdrSqlFields({ config: c, set, errors, ...pw }: { config: CdrSqlSourceConfig; set(p: Partial<CdrSqlSourceConfig>): void; errors: FieldErrors } & PasswordProps) {
  return (
    <>
      <fieldset>
        <legend>Database</legend>
        <TextField label="Host" path="host" errors={errors} value={c.host} placeholder="pbx.example.com" onChange={(host) => set({ host })} />
        <NumberField label="Port" path="port" errors={errors} value={c.port} onChange={(port) => set({ port })} />
        <SelectField<CdrSqlSourceConfig['tls']>
          label="TLS"
          path="tls"
          errors={errors}
          value={c.tls}
          options={[
            { value: 'required', label: 'Required' },
            { value: 'preferred', label: 'Preferred' },
            { value: 'off', label: 'Off (lab/loopback only)' },
          ]}
          onChange={(tls) => set({ tls })}
        />
        <TextField label="User" path="user" errors={errors} value={c.user} onChange={(user) => set({ user })} hint="Read-only (SELECT) access is enough." />
        <PasswordField {...pw} errors={errors} />
        <TextField label="Database" path="database" errors={errors} value={c.database} onChange={(database) => set({ database })} />
        <TextField label="Table" path="table" errors={errors} value={c.table} onChange={(table) => set({ table })} />
        <AccountNameField value={c.label} placeholder="Phone calls" errors={errors} onChange={(label) => set({ label })} />
        <RecordingUrlField value={c.recordingUrl} errors={errors} onChange={(recordingUrl) => set({ recordingUrl })} />
      </fieldset>
      <PhoneNumbersFieldset config={c} set={set} errors={errors} />
    </>
  );
}
