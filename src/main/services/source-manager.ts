/**
 * Owns configured sources and their live connectors. Holds no records: it pulls from connectors on
 * the renderer's behalf and forwards their events.
 */
import type { SourceBatch, SourceStatus } from '../../shared/domain';
import type { DeliverResult, EventContract, StoredSource, TestReport } from '../../shared/ipc/contract';
import type { DeliverRequest, SourceConfig } from '../../shared/ipc/schemas';
import { CodedError } from '../../shared/result';
import type { AnyConnectorFactory, Connector, ConnectorContext, ConnectorFactory } from '../connectors/connector';
import { DEMO_SOURCE_ID } from '../connectors/demo/demo-connector';
import type { SecretStore } from '../secrets/secret-store';
import type { ConfigStore } from './config-store';

export interface SourceManagerDeps {
  configs: ConfigStore;
  secrets: SecretStore;
  factories: AnyConnectorFactory[];
  emit<E extends keyof EventContract>(event: E, payload: EventContract[E]): void;
  log(line: string): void;
  resourcesDir: string;
}

const DEMO_CONFIG: SourceConfig = { kind: 'demo', id: DEMO_SOURCE_ID, label: 'Demo workspace', enabled: true };

export interface SourceManager {
  list(): Promise<StoredSource[]>;
  save(config: SourceConfig, password?: string): Promise<StoredSource>;
  remove(id: string): Promise<void>;
  test(config: SourceConfig, password?: string): Promise<TestReport>;
  pull(sourceId: string, cursor: unknown, limit: number): ReturnType<Connector['pull']>;
  statuses(): SourceStatus[];
  deliver(req: DeliverRequest): Promise<DeliverResult>;
  connector(sourceId: string): Promise<Connector>;
  isDemo(): Promise<boolean>;
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
}

export function createSourceManager(deps: SourceManagerDeps): SourceManager {
  const live = new Map<string, { config: SourceConfig; connector: Connector }>();
  const status = new Map<string, SourceStatus>();
  /** One batch fetched ahead per source during a multi-batch sync (see pull). */
  const prefetched = new Map<string, { key: string; batch: Promise<SourceBatch> }>();
  const opening = new Map<string, Promise<Connector>>();
  const generation = new Map<string, number>();
  const pullKey = (cursor: unknown, limit: number) => `${limit}:${JSON.stringify(cursor ?? null)}`;

  const secretKey = (id: string) => `source:${id}:password`;

  async function activeConfigs(): Promise<SourceConfig[]> {
    const configs = (await deps.configs.list()).filter((c) => c.enabled);
    return configs.length ? configs : [DEMO_CONFIG];
  }

  function factory(kind: SourceConfig['kind']): ConnectorFactory<SourceConfig['kind']> {
    const f = deps.factories.find((x) => x.kind === kind);
    if (!f) throw new CodedError('not-found', `This build has no connector for ${kind} sources.`);
    return f as unknown as ConnectorFactory<SourceConfig['kind']>;
  }

  function setStatus(config: SourceConfig, s: Omit<SourceStatus, 'sourceId' | 'kind' | 'label'>) {
    const next: SourceStatus = { sourceId: config.id, kind: config.kind, label: config.label, ...s };
    const prev = status.get(config.id);
    status.set(config.id, next);
    if (!prev || prev.state !== next.state || prev.message !== next.message) deps.emit('sources:status', next);
  }

  /** One connector per source, even when several callers open it at once (start-up, a save, a pull). */
  function open(config: SourceConfig): Promise<Connector> {
    const existing = live.get(config.id);
    if (existing) return Promise.resolve(existing.connector);
    const pending = opening.get(config.id);
    if (pending) return pending;
    const gen = generation.get(config.id) ?? 0;
    const run = create(config, gen).finally(() => {
      if (opening.get(config.id) === run) opening.delete(config.id);
    });
    opening.set(config.id, run);
    return run;
  }

  async function create(config: SourceConfig, gen: number): Promise<Connector> {
    const password = config.kind === 'demo' ? undefined : await deps.secrets.get(secretKey(config.id)).catch(() => undefined);
    // Closed (saved again, removed) while the password was being read: this open is stale.
    if ((generation.get(config.id) ?? 0) !== gen) throw new CodedError('not-found', `Source ${config.id} changed while it was opening; try again.`);
    const ctx: ConnectorContext = {
      password,
      emit: (event, payload) => {
        // The source changed: a batch read ahead before the change must not answer the pull it triggers.
        if (event === 'sources:changed') prefetched.delete(config.id);
        deps.emit(event, payload);
      },
      setStatus: (s) => setStatus(config, s),
      log: (line) => deps.log(`[${config.kind}:${config.id}] ${line}`),
      resourcesDir: deps.resourcesDir,
      attachmentOf: async (sourceId, folder, uid, partId) => {
        const other = await connector(sourceId);
        if (!other.attachment) throw new CodedError('not-found', `Source ${sourceId} keeps no attachments on a server.`);
        return other.attachment(folder, uid, partId);
      },
    };
    const made = factory(config.kind).create(config as never, ctx);
    live.set(config.id, { config, connector: made });
    if (!status.has(config.id)) setStatus(config, { state: 'connecting' });
    return made;
  }

  async function close(id: string) {
    generation.set(id, (generation.get(id) ?? 0) + 1);
    opening.delete(id);
    prefetched.delete(id);
    const entry = live.get(id);
    live.delete(id);
    status.delete(id);
    if (entry) await entry.connector.stop().catch((e) => deps.log(`stop ${id}: ${(e as Error).message}`));
  }

  async function connector(sourceId: string): Promise<Connector> {
    const config = (await activeConfigs()).find((c) => c.id === sourceId);
    if (!config) throw new CodedError('not-found', `No enabled source with id ${sourceId}.`);
    return open(config);
  }

  async function stored(config: SourceConfig): Promise<StoredSource> {
    return { config, hasPassword: await deps.secrets.has(secretKey(config.id)) };
  }

  return {
    async list() {
      return Promise.all((await deps.configs.list()).map(stored));
    },
    async save(config, password) {
      if (config.kind === 'demo') throw new CodedError('invalid-payload', 'The demo workspace cannot be saved as a source.');
      if (password !== undefined && password !== '') await deps.secrets.set(secretKey(config.id), password);
      await deps.configs.save(config);
      await close(config.id);
      // The demo workspace steps aside as soon as a real source exists.
      if (live.has(DEMO_SOURCE_ID)) await close(DEMO_SOURCE_ID);
      if (config.enabled) {
        const c = await open(config);
        await c.start?.().catch((e) => deps.log(`start ${config.id}: ${(e as Error).message}`));
      }
      return stored(config);
    },
    async remove(id) {
      await close(id);
      await deps.configs.remove(id);
      await deps.secrets.delete(secretKey(id));
    },
    async test(config, password) {
      const f = factory(config.kind);
      if (!f.test) return { ok: true, steps: [] };
      const pw = password || (await deps.secrets.get(secretKey(config.id)).catch(() => undefined));
      return f.test(config as never, pw);
    },
    async pull(sourceId, cursor, limit) {
      const c = await connector(sourceId);
      const key = pullKey(cursor, limit);
      const ahead = prefetched.get(sourceId);
      prefetched.delete(sourceId);
      let batch: SourceBatch | undefined;
      if (ahead && ahead.key === key) batch = await ahead.batch.catch(() => undefined);
      else if (ahead) await ahead.batch.catch(() => undefined); // one pull at a time per connector
      batch ??= await c.pull(cursor, limit);
      // While the renderer stores this batch, fetch and parse the next one. It is a pure function
      // of the cursor, so it is used only if the renderer asks for exactly that cursor next;
      // anything newer on the server is picked up by the pull after it.
      if (batch.hasMore && live.get(sourceId)?.connector === c) {
        const next = c.pull(batch.cursor, limit);
        next.catch(() => undefined);
        prefetched.set(sourceId, { key: pullKey(batch.cursor, limit), batch: next });
      }
      return batch;
    },
    statuses: () => [...status.values()],
    async deliver(req) {
      const c = await connector(req.sourceId);
      if (!c.deliver) throw new CodedError('not-found', `Source ${req.sourceId} cannot send messages.`);
      return c.deliver(req);
    },
    connector,
    async isDemo() {
      return (await deps.configs.list()).filter((c) => c.enabled).length === 0;
    },
    async startAll() {
      for (const config of await activeConfigs()) {
        try {
          const c = await open(config);
          // Saved or removed meanwhile: that newer connector is started by its own save.
          if (live.get(config.id)?.connector === c) await c.start?.();
        } catch (e) {
          deps.log(`start ${config.id}: ${(e as Error).message}`);
        }
      }
    },
    async stopAll() {
      await Promise.all([...live.keys()].map(close));
    },
  };
}
