/** The result envelope every IPC call returns. Errors carry a closed set of codes. */
export type ErrorCode =
  | 'invalid-payload'
  | 'unknown-channel'
  | 'not-found'
  | 'offline'
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'auth'
  | 'capability'
  | 'timeout'
  | 'rejected'
  | 'unknown-outcome'
  | 'secrets-unavailable'
  | 'parse'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** An Error subclass that carries an ErrorCode across async boundaries inside one process. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}
