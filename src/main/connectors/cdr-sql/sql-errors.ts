/** mysql2 / socket errors -> the app's error codes (and the test step that failed). */
import type { ErrorCode } from '../../../shared/result';

const TLS_CODES = /^(HANDSHAKE_NO_SSL_SUPPORT|ERR_TLS_|ERR_SSL_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|CERT_)/;

export function sqlErrorCode(e: unknown): ErrorCode {
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'PROTOCOL_CONNECTION_LOST' || code === 'EPIPE') return 'tcp';
  if (code === 'ETIMEDOUT' || code === 'PROTOCOL_SEQUENCE_TIMEOUT') return 'timeout';
  if (TLS_CODES.test(code)) return 'tls';
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR' || code === 'ER_NOT_SUPPORTED_AUTH_MODE') return 'auth';
  if (code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_COLUMNACCESS_DENIED_ERROR' || code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_DB_ERROR' || code === 'ER_BAD_FIELD_ERROR') return 'rejected';
  return 'internal';
}

export function sqlErrorMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'HANDSHAKE_NO_SSL_SUPPORT') return 'The database server does not offer TLS (config tls: required).';
  return `${err.message ?? String(e)}${err.code ? ` (${err.code})` : ''}`;
}
