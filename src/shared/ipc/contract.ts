/**
 * The one IPC contract. Invoke channels go renderer -> main and return Result<T>; events go
 * main -> renderer. Channel names are `area:verb`.
 *
 * Main registers one handler per invoke channel (a missing handler is a type error, a duplicate a
 * start-up error); the preload builds `window.switchboard` from `invokeChannels`/`eventChannels`.
 */
import { z } from 'zod';
import type { SourceBatch, SourceStatus } from '../domain';
import type { Result } from '../result';
import {
  attachmentRequestSchema,
  csvPreviewRequestSchema,
  deliverRequestSchema,
  externalUrlSchema,
  pullRequestSchema,
  remoteImageRequestSchema,
  saveSourceRequestSchema,
  testSourceRequestSchema,
  type SourceConfig,
} from './schemas';
import { teamAppendRequestSchema, teamPullRequestSchema, type TeamAppendResult, type TeamPullBatch } from '../team/team-ipc';

export interface AppInfo {
  version: string;
  platform: string;
  /** True when no real source is configured and the demo workspace is served. */
  demo: boolean;
  /** Whether OS-level encryption for secrets is available. */
  secretsAvailable: boolean;
  agentName: string;
}

export interface StoredSource {
  config: SourceConfig;
  hasPassword: boolean;
}

export interface TestStep {
  step: 'dns' | 'tcp' | 'tls' | 'auth' | 'capability' | 'read' | 'send';
  ok: boolean;
  message: string;
}

export interface TestReport {
  ok: boolean;
  steps: TestStep[];
}

export interface DeliverResult {
  /** 'sent': delivered now; 'already-sent': a previous attempt had gone through (found on server). */
  status: 'sent' | 'already-sent';
  at: number;
}

export interface RemoteImageData {
  /** data: URL the page may show under its CSP (img-src has data:, never https:). */
  dataUrl: string;
  contentType: string;
  size: number;
}

/** Result of 'sources:csv-preview': the header, the first rows, and the delimiter used (sniffed when not given). */
export interface CsvPreview {
  headers: string[];
  rows: string[][];
  delimiter: string;
}

export interface AttachmentData {
  filename: string;
  contentType: string;
  base64: string;
}

const noPayload = z.undefined();

/** Each entry: the payload schema and (type only) the value type of a successful result. */
function channel<S extends z.ZodType, R>(schema: S) {
  return { schema, result: undefined as unknown as R };
}

export const invokeContract = {
  'app:info': channel<typeof noPayload, AppInfo>(noPayload),
  'sources:list': channel<typeof noPayload, StoredSource[]>(noPayload),
  'sources:save': channel<typeof saveSourceRequestSchema, StoredSource>(saveSourceRequestSchema),
  'sources:remove': channel<z.ZodObject<{ id: z.ZodString }>, null>(z.object({ id: z.string().min(1) })),
  'sources:test': channel<typeof testSourceRequestSchema, TestReport>(testSourceRequestSchema),
  'sources:pull': channel<typeof pullRequestSchema, SourceBatch>(pullRequestSchema),
  'sources:status': channel<typeof noPayload, SourceStatus[]>(noPayload),
  'outbox:deliver': channel<typeof deliverRequestSchema, DeliverResult>(deliverRequestSchema),
  'mail:attachment': channel<typeof attachmentRequestSchema, AttachmentData>(attachmentRequestSchema),
  'mail:remote-image': channel<typeof remoteImageRequestSchema, RemoteImageData>(remoteImageRequestSchema),
  'shell:open-external': channel<typeof externalUrlSchema, null>(externalUrlSchema),
  'team:append': channel<typeof teamAppendRequestSchema, TeamAppendResult[]>(teamAppendRequestSchema),
  'team:pull': channel<typeof teamPullRequestSchema, TeamPullBatch>(teamPullRequestSchema),
  'sources:csv-preview': channel<typeof csvPreviewRequestSchema, CsvPreview>(csvPreviewRequestSchema),
} as const;

export type InvokeContract = typeof invokeContract;
export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeContract[C]['schema']>;
export type InvokeParsed<C extends InvokeChannel> = z.output<InvokeContract[C]['schema']>;
export type InvokeResult<C extends InvokeChannel> = InvokeContract[C]['result'];

export interface EventContract {
  /** A source's connection state changed. */
  'sources:status': SourceStatus;
  /** A source has new data (IDLE EXISTS, file grew...): the renderer should pull. */
  'sources:changed': { sourceId: string };
  /** Records pushed live (chat): ingest them like a pulled batch. */
  'sources:records': SourceBatch;
  /** A customer is typing (XEP-0085) or an agent is replying. */
  'presence:activity': { sourceId: string; peer: string; state: 'composing' | 'paused' | 'replying' | 'idle'; who?: string };
  /** The team folder changed (IDLE): the renderer should pull the team log. */
  'team:changed': { sourceId: string };
}
export type EventChannel = keyof EventContract;


/** The API the preload exposes as window.switchboard (and the e2e test host imitates). */
export interface SwitchboardApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>): Promise<Result<InvokeResult<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void;
}
