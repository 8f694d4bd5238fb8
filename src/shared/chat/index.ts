export * from './jid';
export * from './sessions';
export { checkBody, checkAddress, MAX_BODY_BYTES, type BodyCheck, type AddressCheck } from './message-validation';
export * from './chat-cursor';
export * from './utf8';
