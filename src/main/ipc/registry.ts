/**
 * Handler registry: one handler per invoke channel, payloads validated against the contract's
 * schema, every outcome wrapped as Result. Knows nothing of Electron, so the e2e test host uses
 * the very same dispatcher.
 */
import {
  invokeContract,
  type InvokeChannel,
  type InvokeParsed,
  type InvokeResult,
} from '../../shared/ipc/contract';
import { CodedError, err, ok, type Result } from '../../shared/result';

export type Handler<C extends InvokeChannel> = (payload: InvokeParsed<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
export type Handlers = { [C in InvokeChannel]: Handler<C> };
export type PartialHandlers = Partial<Handlers>;

/** Join per-area handler maps; the same channel twice is a start-up error. */
export function joinHandlers(...maps: PartialHandlers[]): PartialHandlers {
  const joined: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, fn] of Object.entries(map)) {
      if (name in joined) throw new Error(`IPC handler registered twice: ${name}`);
      joined[name] = fn;
    }
  }
  return joined as PartialHandlers;
}

/** Narrow a joined map to the full Handlers type, failing at start-up if a channel has no handler. */
export function completeHandlers(map: PartialHandlers): Handlers {
  const missing = (Object.keys(invokeContract) as InvokeChannel[]).filter((c) => typeof map[c] !== 'function');
  if (missing.length) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`);
  return map as Handlers;
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  log?: (line: string) => void;
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  const log = opts.log ?? (() => {});
  return async (channel, payload) => {
    if (!Object.prototype.hasOwnProperty.call(invokeContract, channel)) {
      return err('unknown-channel', `Unknown channel: ${String(channel).slice(0, 80)}`);
    }
    const c = channel as InvokeChannel;
    const parsed = invokeContract[c].schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      log(`ipc ${c}: invalid payload${where}: ${issue?.message}`);
      return err('invalid-payload', `Invalid ${c} payload${where}: ${issue?.message ?? 'rejected'}`);
    }
    try {
      const handler = handlers[c] as (p: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (e instanceof CodedError) return err(e.code, e.message);
      const message = e instanceof Error ? e.message : String(e);
      log(`ipc ${c}: ${e instanceof Error && e.stack ? e.stack : message}`);
      return err('internal', message);
    }
  };
}
