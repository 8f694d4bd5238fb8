/**
 * Everything main does, without Electron: the source manager and the IPC handlers over it.
 * The Electron entry and the e2e test host both build this and only differ in transport.
 */
import type { EventContract } from '../../shared/ipc/contract';
import { checkEvent } from '../../shared/ipc/event-schemas';
import { CodedError } from '../../shared/result';
import type { TeamEnvelope } from '../../shared/team/event-schema';
import type { AnyConnectorFactory } from '../connectors/connector';
import { connectorFactories } from '../connectors/registry';
import { previewCsv } from '../connectors/csv-generic/csv-preview';
import { completeHandlers, joinHandlers, type Handlers, type PartialHandlers } from '../ipc/registry';
import { isSafeExternalUrl } from '../security/external-url';
import type { SecretStore } from '../secrets/secret-store';
import { fetchRemoteImage, type RemoteImageOptions } from './remote-image';
import type { ConfigStore } from './config-store';
import { createSourceManager, type SourceManager } from './source-manager';

export interface MainServicesOptions {
  configs: ConfigStore;
  secrets: SecretStore;
  resourcesDir: string;
  version: string;
  platform: string;
  agentName: string;
  emit<E extends keyof EventContract>(event: E, payload: EventContract[E]): void;
  openExternal(url: string): Promise<void>;
  log?(line: string): void;
  factories?: AnyConnectorFactory[];
  /** Limits and TLS agent for remote images in email (tests pass an agent trusting the lab CA). */
  remoteImage?: RemoteImageOptions;
}

export interface MainServices {
  handlers: Handlers;
  sources: SourceManager;
  dispose(): Promise<void>;
}

export function createMainServices(opts: MainServicesOptions): MainServices {
  const log = opts.log ?? ((line: string) => console.log(line));
  // Every event is checked against its schema before it leaves main (like every invoke payload
  // on the way in): a connector's bug becomes a log line, not bad data in the renderer.
  const emit = <E extends keyof EventContract>(event: E, payload: EventContract[E]) => {
    const check = checkEvent(event, payload);
    if (!check.ok) return log(`event ${event} not sent: ${check.reason}`);
    opts.emit(event, payload);
  };
  const sources = createSourceManager({
    configs: opts.configs,
    secrets: opts.secrets,
    factories: opts.factories ?? connectorFactories,
    emit,
    log,
    resourcesDir: opts.resourcesDir,
  });

  const app: PartialHandlers = {
    'app:info': async () => ({
      version: opts.version,
      platform: opts.platform,
      demo: await sources.isDemo(),
      secretsAvailable: opts.secrets.available(),
      agentName: opts.agentName,
    }),
    'shell:open-external': async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw new CodedError('rejected', `Refused to open ${url}`);
      await opts.openExternal(url);
      return null;
    },
  };

  const sourceHandlers: PartialHandlers = {
    'sources:list': () => sources.list(),
    'sources:save': ({ config, password }) => sources.save(config, password),
    'sources:remove': async ({ id }) => {
      await sources.remove(id);
      return null;
    },
    'sources:test': ({ config, password }) => sources.test(config, password),
    'sources:pull': ({ sourceId, cursor, limit }) => sources.pull(sourceId, cursor, limit ?? 500),
    'sources:status': () => sources.statuses(),
    'sources:csv-preview': (req) => previewCsv(req),
  };

  const delivery: PartialHandlers = {
    'outbox:deliver': (req) => sources.deliver(req),
    'mail:attachment': async ({ sourceId, folder, uid, partId }) => {
      const c = await sources.connector(sourceId);
      if (!c.attachment) throw new CodedError('not-found', `Source ${sourceId} has no attachments.`);
      return c.attachment(folder, uid, partId);
    },
    'mail:remote-image': ({ url }) => fetchRemoteImage(url, opts.remoteImage),
  };

  // Team sync: the team log lives on an IMAP account that has a team folder.
  const teamLog = async (sourceId: string) => {
    const c = await sources.connector(sourceId);
    if (!c.team) throw new CodedError('not-found', `Source ${sourceId} has no team folder configured.`);
    return c.team;
  };
  const team: PartialHandlers = {
    'team:append': async ({ sourceId, events }) => (await teamLog(sourceId)).append(events as TeamEnvelope[]),
    'team:pull': async ({ sourceId, cursor, limit }) => (await teamLog(sourceId)).pull(cursor, limit ?? 500),
  };

  const handlers = completeHandlers(joinHandlers(app, sourceHandlers, delivery, team));
  return { handlers, sources, dispose: () => sources.stopAll() };
}
