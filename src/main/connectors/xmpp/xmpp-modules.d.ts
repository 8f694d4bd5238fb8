/**
 * Minimal typings for the xmpp.js 0.14 packages the XMPP connector and its tests use (they ship
 * without TypeScript declarations). Only what we call is declared.
 */
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, unknown>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string | null): string | null;
    getText(): string;
    text(): string;
    append(...children: (Element | string)[]): Element;
    toString(): string;
  }
  type Child = Element | string | null | undefined | false | (Element | string | null | undefined | false)[];
  interface XmlFn {
    (name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
    Element: typeof Element;
    Parser: unknown;
  }
  const xml: XmlFn;
  export default xml;
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
}

declare module '@xmpp/xml/lib/parse.js' {
  import type { Element } from '@xmpp/xml';
  export default function parse(s: string): Element;
}

declare module '@xmpp/jid' {
  export interface JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }
  export default function jid(...args: string[]): JID;
}

declare module '@xmpp/events' {
  import type { EventEmitter as NodeEventEmitter } from 'node:events';
  export const EventEmitter: typeof NodeEventEmitter;
  export function promise<T = unknown>(target: unknown, event: string, rejectEvent?: string, timeout?: number): Promise<T>;
}

declare module '@xmpp/client-core' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type { JID } from '@xmpp/jid';
  import type { xml as xmlFn } from '@xmpp/xml';
  export interface ClientOptions {
    service: string;
    domain: string;
    lang?: string;
    timeout?: number;
  }
  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    jid: JID | null;
    status: string;
    options: ClientOptions & Record<string, unknown>;
    socket: (EventEmitter & { secure?: boolean; end(): void; write(d: string, cb: (e?: Error) => void): void }) | null;
    transports: unknown[];
    timeout: number;
    isSecure(): boolean;
    start(): Promise<JID>;
    stop(): Promise<unknown>;
    connect(service: string): Promise<unknown>;
    open(options: { domain: string; lang?: string }): Promise<unknown>;
    disconnect(): Promise<unknown>;
    restart(): Promise<unknown>;
    send(element: Element): Promise<void>;
    sendReceive(element: Element, timeout?: number): Promise<Element>;
    socketParameters(service: string): Record<string, unknown> | undefined;
    _attachSocket(socket: unknown): void;
    _status(status: string, ...args: unknown[]): void;
  }
  export const xml: typeof xmlFn;
  export function jid(...args: string[]): JID;
}

declare module '@xmpp/middleware' {
  import type { Client } from '@xmpp/client-core';
  import type { Element } from '@xmpp/xml';
  export interface Context {
    stanza: Element;
    entity: Client;
    from: unknown;
    to: unknown;
    id: string;
    name: string;
    type: string;
  }
  export type Middleware = (ctx: Context, next: () => Promise<unknown>) => unknown;
  export interface MiddlewareApi {
    use(fn: Middleware): Middleware;
    filter(fn: Middleware): Middleware;
  }
  export default function middleware(opts: { entity: Client }): MiddlewareApi;
}

declare module '@xmpp/stream-features' {
  import type { MiddlewareApi, Context } from '@xmpp/middleware';
  import type { Element } from '@xmpp/xml';
  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: (ctx: Context, next: () => Promise<unknown>, feature: Element) => unknown): unknown;
  }
  export default function streamFeatures(opts: { middleware: MiddlewareApi }): StreamFeatures;
}

declare module '@xmpp/iq/caller.js' {
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';
  import type { Element } from '@xmpp/xml';
  export interface IqCaller {
    request(stanza: Element, timeout?: number): Promise<Element>;
    get(element: Element, to?: string, timeout?: number): Promise<Element>;
    set(element: Element, to?: string, timeout?: number): Promise<Element>;
  }
  export default function iqCaller(opts: { middleware: MiddlewareApi; entity: Client }): IqCaller;
}

declare module '@xmpp/iq/callee.js' {
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';
  export interface IqCallee {
    get(ns: string, name: string, handler: () => unknown): void;
    set(ns: string, name: string, handler: () => unknown): void;
  }
  export default function iqCallee(opts: { middleware: MiddlewareApi; entity: Client }): IqCallee;
}

declare module '@xmpp/tcp' {
  import type { Client } from '@xmpp/client-core';
  export default function tcp(opts: { entity: Client }): void;
}

declare module '@xmpp/tls' {
  import type { Client } from '@xmpp/client-core';
  export default function tls(opts: { entity: Client }): void;
}

declare module '@xmpp/tls/lib/Socket.js' {
  import type { EventEmitter } from 'node:events';
  import type { ConnectionOptions } from 'node:tls';
  export default class Socket extends EventEmitter {
    secure: boolean;
    connect(options: ConnectionOptions): void;
    end(): void;
    write(data: string, cb: (e?: Error) => void): void;
  }
}

declare module '@xmpp/sasl' {
  import type { StreamFeatures } from '@xmpp/stream-features';
  import type { Client } from '@xmpp/client-core';
  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;
  export type OnAuthenticate = (authenticate: Authenticate, mechanisms: string[], fast: unknown, entity: Client) => Promise<void>;
  export default function sasl(opts: { streamFeatures: StreamFeatures; saslFactory: unknown }, onAuthenticate: OnAuthenticate): void;
}

declare module '@xmpp/sasl-scram-sha-1' {
  export default function scram(factory: unknown): void;
}
declare module '@xmpp/sasl-plain' {
  export default function plain(factory: unknown): void;
}
declare module 'saslmechanisms' {
  export default class SASLFactory {}
}

declare module '@xmpp/resource-binding' {
  import type { StreamFeatures } from '@xmpp/stream-features';
  import type { IqCaller } from '@xmpp/iq/caller.js';
  export default function resourceBinding(opts: { streamFeatures: StreamFeatures; iqCaller: IqCaller }, resource: string): void;
}

declare module '@xmpp/stream-management' {
  import type { EventEmitter } from 'node:events';
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';
  import type { StreamFeatures } from '@xmpp/stream-features';
  export interface StreamManagement extends EventEmitter {
    enabled: boolean;
    id: string;
    timeout: number;
    requestAckInterval: number;
  }
  export default function streamManagement(opts: {
    streamFeatures: StreamFeatures;
    entity: Client;
    middleware: MiddlewareApi;
    bind2?: unknown;
    sasl2?: unknown;
  }): StreamManagement;
}

declare module '@xmpp/client' {
  import type { Client } from '@xmpp/client-core';
  import type { IqCaller } from '@xmpp/iq/caller.js';
  import type { StreamManagement } from '@xmpp/stream-management';
  export { xml } from '@xmpp/xml';
  export { jid } from '@xmpp/client-core';
  export interface XmppClient extends Client {
    iqCaller: IqCaller;
    streamManagement: StreamManagement;
    reconnect: { stop(): void; start(): void; delay: number };
  }
  export function client(options: {
    service: string;
    domain?: string;
    username?: string;
    password?: string;
    resource?: string;
    timeout?: number;
  }): XmppClient;
}
