import { z } from 'zod';

/** Error codes every transport understands; `message` is for technicians, `messageVi` for the citizen screen. */
export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  messageVi: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by core services; the dispatcher turns it into `{ok:false,error}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly messageVi?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.messageVi ? { messageVi: this.messageVi } : {}) };
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};
