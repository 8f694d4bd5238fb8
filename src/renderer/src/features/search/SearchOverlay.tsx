/**
 * Search everything (`/`): type-ahead over every cached email, chat, call, note and customer,
 * offline. Results are grouped by customer with highlighted snippets; arrows move, Enter opens the
 * customer at that item, Esc closes. Filters typed in the query show as chips.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseQuery } from '../../../../shared/search/query-parser';
import { ChannelIcon } from '../../components/ChannelIcon';
import { formatDateTime } from '../../lib/format';
import type { SearchHit, SearchResponse } from '../../search/search-engine';
import { searchClient } from '../../search/search-client';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { Highlight } from './Highlight';

type Row = { kind: 'customer'; key: string; customerId: string } | { kind: 'hit'; key: string; hit: SearchHit };

const HELP: [string, string][] = [
  ['from:ada', 'who wrote it'],
  ['channel:email', 'email, chat, call, note'],
  ['status:open', 'open, pending, snoozed, closed'],
  ['assignee:me', 'or a name, or none'],
  ['tag:vip', 'conversation tag'],
  ['after:2026-03-01', 'also before:, today, 7d'],
  ['has:attachment', 'emails with files'],
  ['"exact phrase"', 'words in this order'],
];

export function SearchOverlay({ onClose }: { onClose(): void }) {
  const me = useStatus((s) => s.agentName);
  const [input, setInput] = useState('');
  const [result, setResult] = useState<SearchResponse | undefined>();
  const [busy, setBusy] = useState(false);
  const [index, setIndex] = useState(0);
  const [failure, setFailure] = useState<string | undefined>();
  const list = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => parseQuery(input, { me, now: Date.now() }), [input, me]);

  useEffect(() => {
    if (parsed.empty) {
      setResult(undefined);
      setBusy(false);
      return;
    }
    let live = true;
    setBusy(true);
    searchClient()
      .search(parsed)
      .then((r) => {
        if (!live || !r) return;
        setResult(r);
        setFailure(undefined);
        setBusy(false);
        setIndex(0);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setFailure(e instanceof Error ? e.message : String(e));
        setBusy(false);
      });
    return () => {
      live = false;
    };
  }, [parsed]);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    for (const g of result?.groups ?? []) {
      if (g.customerMatch) out.push({ kind: 'customer', key: `c:${g.customerId}`, customerId: g.customerId });
      for (const h of g.hits) out.push({ kind: 'hit', key: h.key, hit: h });
    }
    return out;
  }, [result]);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index, rows]);

  const choose = (row: Row | undefined) => {
    if (!row) return;
    const ui = useUi.getState();
    if (row.kind === 'customer') ui.open(undefined, row.customerId);
    else ui.open(row.hit.threadId, row.hit.customerId, row.hit.itemId);
    onClose();
  };

  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const selectedKey = rows[index]?.key;
  const shown = result?.count ?? 0;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Search" onClick={onClose}>
      <div className="dialog search-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="search-bar">
          <svg className="search-glass" viewBox="0 0 16 16" aria-hidden>
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input
            autoFocus
            className="search-input"
            placeholder="Search messages, calls, notes and customers…"
            aria-label="Search"
            aria-controls="search-results"
            aria-activedescendant={selectedKey ? `sr-${selectedKey}` : undefined}
            spellCheck={false}
            dir="auto"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setIndex((i) => Math.min(rows.length - 1, i + 1));
              else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
              else if (e.key === 'Enter') choose(rows[index]);
              else return;
              e.preventDefault();
            }}
          />
          {busy && <span className="search-busy" aria-label="Searching" />}
        </div>
        {(parsed.chips.length > 0 || parsed.errors.length > 0) && (
          <div className="search-chips" aria-label="Filters">
            {parsed.chips.map((c, i) => (
              <span key={i} className={`chip filter-chip${c.error ? ' bad' : ''}`} title={c.error}>
                {c.key}:<b>{c.value}</b>
              </span>
            ))}
            {parsed.errors.map((m) => (
              <div key={m} className="search-error" role="status">
                {m}
              </div>
            ))}
          </div>
        )}
        <div className="search-results" id="search-results" role="listbox" aria-label="Results" ref={list}>
          {parsed.empty && (
            <div className="search-help">
              <p>Type to search everything stored on this computer — works offline. Filters:</p>
              <dl>
                {HELP.map(([k, v]) => (
                  <div key={k}>
                    <dt>
                      <code>{k}</code>
                    </dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            </div>
          )}
          {failure && <div className="search-error">Search failed: {failure}</div>}
          {!parsed.empty && result && rows.length === 0 && !busy && <div className="search-none">Nothing matches {input.trim() ? `“${input.trim()}”` : 'these filters'}.</div>}
          {result?.groups.map((g) => (
            <section key={g.customerId} className="search-group" data-customer={g.customerId}>
              {g.customerMatch ? (
                <div
                  id={`sr-c:${g.customerId}`}
                  role="option"
                  aria-selected={selectedKey === `c:${g.customerId}`}
                  className="search-row search-customer"
                  onMouseEnter={() => setIndex(rowIndex.get(`c:${g.customerId}`) ?? 0)}
                  onClick={() => choose(rows[rowIndex.get(`c:${g.customerId}`)!])}
                >
                  <span className="avatar small" aria-hidden>
                    {g.customerName.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="search-customer-name" dir="auto">
                    <Highlight text={g.customerName} ranges={g.nameRanges} />
                  </span>
                  {g.matchedIdentity && (
                    <span className="search-identity">
                      <Highlight text={g.matchedIdentity.text} ranges={g.matchedIdentity.ranges} />
                    </span>
                  )}
                  <span className="search-kind">customer</span>
                </div>
              ) : (
                <h3 className="search-group-head" dir="auto">
                  {g.customerName}
                </h3>
              )}
              {g.hits.map((h) => (
                <div
                  key={h.key}
                  id={`sr-${h.key}`}
                  role="option"
                  aria-selected={selectedKey === h.key}
                  className="search-row search-hit"
                  data-item={h.itemId}
                  data-channel={h.channel}
                  onMouseEnter={() => setIndex(rowIndex.get(h.key) ?? 0)}
                  onClick={() => choose(rows[rowIndex.get(h.key)!])}
                >
                  <ChannelIcon channel={h.channel} />
                  <div className="search-hit-main">
                    <div className="search-hit-top">
                      <span className="search-title" dir="auto">
                        <Highlight text={h.title.text} ranges={h.title.ranges} />
                      </span>
                      <span className="search-from" dir="auto">
                        <Highlight text={h.from.text} ranges={h.from.ranges} />
                      </span>
                      <span className="search-when">{formatDateTime(h.ts)}</span>
                    </div>
                    {h.snippet.text && (
                      <div className="search-snippet" dir="auto">
                        <Highlight text={h.snippet.text} ranges={h.snippet.ranges} />
                      </div>
                    )}
                  </div>
                </div>
              ))}
            </section>
          ))}
        </div>
        <footer className="search-foot">
          <span>
            {result && !parsed.empty ? `${shown}${result.more ? '+' : ''} result${shown === 1 ? '' : 's'} · ${Math.max(1, Math.round(result.tookMs))} ms` : 'Offline index'}
          </span>
          <span className="spacer" />
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
          </span>
        </footer>
      </div>
    </div>
  );
}
