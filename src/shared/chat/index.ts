export * from './jid';
export * from './sessions';
export * from './message-validation';
export * from './chat-cursor';
