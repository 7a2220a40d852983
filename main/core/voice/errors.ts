// Every voice failure carries a code the supervisor page can act on and a precise, log-safe reason.
export type VoiceErrorCode =
  | 'bad-input' // the announcement itself is malformed (empty ticket, repeat out of range…)
  | 'tool-missing' // espeak-ng or sox is not installed / not on PATH
  | 'bad-voice' // espeak-ng does not have the requested voice
  | 'render-failed' // a tool ran and failed
  | 'play-failed'; // the injected player rejected

export class VoiceError extends Error {
  override readonly name = 'VoiceError';
  constructor(
    readonly code: VoiceErrorCode,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${reason}`, options);
  }
}

export function toVoiceError(e: unknown, fallback: VoiceErrorCode): VoiceError {
  if (e instanceof VoiceError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new VoiceError(fallback, reason, { cause: e });
}
