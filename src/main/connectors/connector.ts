/**
 * The one interface every source connector implements. Connectors do network and parsing only;
 * they never store records. The renderer owns cursors: it pulls a batch from a cursor, commits
 * records + cursor in one transaction, and pulls again.
 */
import type { DeliverResult, TestReport, AttachmentData } from '../../shared/ipc/contract';
import type { DeliverRequest, SourceConfig } from '../../shared/ipc/schemas';
import type { EventContract } from '../../shared/ipc/contract';
import type { SourceBatch, SourceStatus } from '../../shared/domain';
import type { TeamLog } from './team/team-log';

export interface Connector {
  readonly sourceId: string;
  /** Next batch after `cursor` (null = from the start). Must be safe to call again with the same cursor. */
  pull(cursor: unknown, limit: number): Promise<SourceBatch>;
  /** Start live work (IDLE, XMPP session, file watch). Report through ctx.emit. */
  start?(): Promise<void>;
  stop(): Promise<void>;
  deliver?(req: DeliverRequest): Promise<DeliverResult>;
  attachment?(folder: string, uid: number, partId: string): Promise<AttachmentData>;
  /** The team log (team sync), when this account has a team folder. */
  readonly team?: TeamLog;
}

export interface ConnectorContext {
  password?: string;
  emit<E extends keyof EventContract>(event: E, payload: EventContract[E]): void;
  setStatus(status: Omit<SourceStatus, 'sourceId' | 'kind' | 'label'>): void;
  log(line: string): void;
  /** Directory for resources shipped with the app (the demo workspace lives here). */
  resourcesDir: string;
  /** Another source's attachment (a forward from this account of a message stored in that one). */
  attachmentOf?(sourceId: string, folder: string, uid: number, partId: string): Promise<AttachmentData>;
}

export interface ConnectorFactory<K extends SourceConfig['kind']> {
  kind: K;
  create(config: Extract<SourceConfig, { kind: K }>, ctx: ConnectorContext): Connector;
  /** Check a configuration without saving it: each step reports exactly what failed. */
  test?(config: Extract<SourceConfig, { kind: K }>, password: string | undefined): Promise<TestReport>;
}

export type AnyConnectorFactory = { [K in SourceConfig['kind']]: ConnectorFactory<K> }[SourceConfig['kind']];
