import type { CoreEvent } from '../../../main/contract/events.ts';
import type { OpInput, OpName, OpOutput } from '../../../main/contract/operations.ts';
import type { Reply } from '../../../main/contract/result.ts';

/** What the Electron preload exposes: one named method per operation (see preload/preload.ts). */
export type LetanBridge = { [K in OpName]: (input: OpInput<K>) => Promise<Reply<OpOutput<K>>> } & {
  onEvent(listener: (e: CoreEvent) => void): () => void;
};

declare global {
  interface Window {
    letan?: LetanBridge;
  }
}
