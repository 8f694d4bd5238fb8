/**
 * Channel name lists, free of zod so the preload bundle stays tiny. A compile-time check below
 * keeps them equal to the contract's keys.
 */
import type { EventContract, InvokeContract } from './contract';

export const INVOKE_CHANNELS = [
  'app:info',
  'sources:list',
  'sources:save',
  'sources:remove',
  'sources:test',
  'sources:pull',
  'sources:status',
  'outbox:deliver',
  'mail:attachment',
  'mail:remote-image',
  'shell:open-external',
  'team:append',
  'team:pull',
  'sources:csv-preview',
] as const;

export const EVENT_CHANNELS = ['sources:status', 'sources:changed', 'sources:records', 'presence:activity', 'team:changed'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const invokeListIsComplete: Same<(typeof INVOKE_CHANNELS)[number], keyof InvokeContract> = true;
const eventListIsComplete: Same<(typeof EVENT_CHANNELS)[number], keyof EventContract> = true;
void invokeListIsComplete;
void eventListIsComplete;

/** Prefix used on the wire for event channels (keeps them apart from invoke channels). */
export const EVENT_PREFIX = 'event:';
