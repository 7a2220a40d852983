/**
 * Polls `get` until `ok` holds for its value and returns that value; past `ms`, fails naming what was awaited
 * and the last value seen. For state that changes outside the test's control (devices, servers, the core).
 */
export async function waitFor<T>(get: () => T | Promise<T>, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls until `cond` holds. */
export async function waitUntil(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  await waitFor(cond, Boolean, what, ms);
}
