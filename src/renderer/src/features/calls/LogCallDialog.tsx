/**
 * Log a call by hand (a desk or mobile phone that writes no CDR): stored as a call interaction
 * with sourceId 'manual' through the normal ingest, so it threads and matches like any other call.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { CallOutcome } from '../../../../shared/domain';
import { identityKey } from '../../../../shared/identity';
import { db } from '../../db/instance';
import { logManualCall } from '../../db/repos/calls';
import { formSubmitHandlers } from '../../lib/form-submit';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { useSources } from '../settings/sources-store';
import { customerIdentities, getCustomer } from '../../db/repos/rows';

function localInputValue(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "5", "5:30", "1:02:03", "90s" -> seconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!t) return 0;
  if (/^\d+s$/i.test(t)) return Number(t.slice(0, -1));
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 60);
  const parts = t.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  return parts.map(Number).reduce((acc, n) => acc * 60 + n, 0);
}

export function LogCallDialog({ onClose }: { onClose(): void }) {
  const customerId = useUi((s) => s.openCustomerId);
  const me = useStatus((s) => s.agentName);
  const sources = useSources((s) => s.list);
  const identities = useLiveQuery(() => (customerId ? customerIdentities(db(), customerId) : []), [customerId]);
  const customer = useLiveQuery(() => (customerId ? getCustomer(db(), customerId) : undefined), [customerId]);
  const region = useMemo(() => {
    for (const s of sources) if ('defaultRegion' in s.config) return s.config.defaultRegion;
    return /-([A-Z]{2})\b/.exec(navigator.language)?.[1] ?? 'US';
  }, [sources]);
  const phone = identities?.find((i) => i.kind === 'phone')?.value ?? '';
  const [number, setNumber] = useState<string | undefined>();
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('outbound');
  const [outcome, setOutcome] = useState<CallOutcome>('answered');
  const [when, setWhen] = useState(() => localInputValue(Date.now()));
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const shownNumber = number ?? phone;

  const save = async () => {
    const secs = parseDuration(duration);
    if (secs === undefined) return setError('Duration: minutes ("5"), minutes:seconds ("5:30") or seconds ("90s").');
    const start = new Date(when).getTime();
    if (!Number.isFinite(start)) return setError('When: pick a date and time.');
    const r = await logManualCall(
      db(),
      { number: shownNumber, defaultRegion: region, direction, outcome, start, durationSec: secs, agent: me, note, customerId },
      { isTeam: (_k, key) => key === identityKey('phone', me) },
    );
    if (!r.ok) return setError(r.reason);
    useUi.getState().notify('Call logged.');
    useUi.getState().open(r.threadId, r.customerId);
    onClose();
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Log a call" onClick={onClose}>
      <form
        noValidate
        className="dialog log-call"
        onClick={(e) => e.stopPropagation()}
        {...formSubmitHandlers(save)}
      >
        <header>
          Log a call{customer ? ` with ${customer.name}` : ''}
          <span className="spacer" />
          <span className="muted">
            <kbd>Ctrl+Enter</kbd> save · <kbd>Esc</kbd> close
          </span>
        </header>
        <div className="form-grid pad">
          <div className="field">
            <label htmlFor="lc-number">Number</label>
            <input id="lc-number" autoFocus value={shownNumber} onChange={(e) => setNumber(e.target.value)} placeholder="+1 415 555 0100" />
            <div className="field-hint">Numbers without a country code are read as {region}.</div>
          </div>
          <fieldset className="field radio-row">
            <legend>Direction</legend>
            <label>
              <input type="radio" name="lc-dir" checked={direction === 'outbound'} onChange={() => setDirection('outbound')} /> I called them
            </label>
            <label>
              <input type="radio" name="lc-dir" checked={direction === 'inbound'} onChange={() => setDirection('inbound')} /> They called me
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="lc-outcome">Outcome</label>
            <select id="lc-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as CallOutcome)}>
              <option value="answered">Answered</option>
              <option value="missed">No answer</option>
              <option value="busy">Busy</option>
              <option value="voicemail">Voicemail</option>
              <option value="failed">Failed</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="lc-when">When</label>
            <input id="lc-when" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="lc-duration">Duration</label>
            <input id="lc-duration" value={duration} onChange={(e) => setDuration(e.target.value)} placeholder="5:30" />
          </div>
          <div className="field wide">
            <label htmlFor="lc-note">Note</label>
            <textarea id="lc-note" rows={3} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} placeholder="What was said, what you promised…" />
          </div>
          {error && (
            <div className="form-banner error wide" role="alert">
              {error}
            </div>
          )}
        </div>
        <footer className="form-actions pad">
          <button type="submit" className="btn primary" data-testid="save-call">
            Log call
          </button>
          <button type="button" className="btn ghost" onClick={onClose}>
            Cancel
          </button>
        </footer>
      </form>
    </div>
  );
}
