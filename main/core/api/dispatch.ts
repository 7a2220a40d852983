import { z } from 'zod';
import { isOpName, operations, type OpName, type Operations } from '../../contract/operations.ts';
import type { OperationDef } from '../../contract/ops/define.ts';
import { type ApiError, AppError, type Reply } from '../../contract/result.ts';
import type { Role } from '../../contract/schemas.ts';

export interface CallContext {
  role: Role;
  /** Where the call came from: "ipc", or the peer address for HTTP/WebSocket. */
  origin: string;
  /** Who acts (a named staff user's id, or the role); audited and recorded on tickets. */
  actor?: string;
}

/** The acting person as services record them (ticket history, notices, quotas). */
export function actorOf(ctx: CallContext): { name: string } {
  return { name: ctx.actor ?? ctx.role };
}

/** The handlers for one ops file (see main/contract/ops/); the core merges them into `Handlers`. */
export type HandlersFor<T extends Record<string, OperationDef<z.ZodType, z.ZodType>>> = {
  [K in keyof T]: (input: z.output<T[K]['input']>, ctx: CallContext) => z.output<T[K]['output']> | Promise<z.output<T[K]['output']>>;
};

export type Handlers = HandlersFor<Operations>;

export interface DispatchHooks {
  audit(entry: { op: OpName; ctx: CallContext; input: unknown; ok: boolean }): void;
  internalError(op: string, err: unknown): void;
}

function issuesOf(err: z.ZodError): ApiError['issues'] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/**
 * The only way into the core from a screen. The name must be in the contract's table (an allow-list, not a
 * lookup on an object of methods), the input must parse, and the caller's role must be allowed.
 */
export function createDispatcher(handlers: Handlers, hooks: DispatchHooks) {
  return async function dispatch(name: string, rawInput: unknown, ctx: CallContext): Promise<Reply<unknown>> {
    if (!isOpName(name)) return { ok: false, error: { code: 'not_found', message: `unknown operation "${name}"` } };
    const def = operations[name];
    if (!(def.roles as readonly Role[]).includes(ctx.role)) {
      const code = ctx.role === 'citizen' ? 'unauthorized' : 'forbidden';
      return {
        ok: false,
        error: { code, message: `${name} needs one of: ${def.roles.join(', ')}`, messageVi: 'Bạn không có quyền thực hiện thao tác này.' },
      };
    }
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues?.[0];
      return {
        ok: false,
        error: {
          code: 'bad_request',
          message: `invalid input for ${name}: ${first ? `${first.path}: ${first.message}` : 'malformed'}`,
          messageVi: 'Dữ liệu gửi lên không hợp lệ.',
          issues,
        },
      };
    }
    const audited = def.mutates && ctx.role !== 'citizen';
    try {
      const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      if (audited) hooks.audit({ op: name, ctx, input: parsed.data, ok: true });
      return { ok: true, value };
    } catch (err) {
      if (audited) hooks.audit({ op: name, ctx, input: parsed.data, ok: false });
      if (err instanceof AppError) return { ok: false, error: err.toApiError() };
      hooks.internalError(name, err);
      return {
        ok: false,
        error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}`, messageVi: 'Hệ thống gặp sự cố. Vui lòng thử lại hoặc liên hệ nhân viên.' },
      };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
