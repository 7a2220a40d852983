import { EventEmitter } from 'node:events';
import type { DeviceState, DeviceStatusEvent } from '../../../drivers/device/state.ts';
import type { DocumentScannerConfigValue } from '../config/schema.ts';

/**
 * A SANE document scanner's presence: the configured device name is looked for in `scanimage -L` every
 * pollMs. (Scanning itself is the intake's business; this only reports whether the device is there.)
 */
export class DocumentScannerWatch extends EventEmitter<{ state: [DeviceStatusEvent] }> {
  readonly role = 'document-scanner' as const;
  #state: DeviceState | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running = false;

  constructor(
    readonly config: DocumentScannerConfigValue,
    private readonly list: () => Promise<{ name: string }[]>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  get id(): string {
    return this.config.id;
  }

  get state(): DeviceState {
    return this.#state ?? { kind: 'absent' };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#set({ kind: 'connecting' });
    void this.#check();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #check(): Promise<void> {
    try {
      const found = (await this.list()).some((d) => d.name === this.config.device);
      if (!this.#running) return;
      this.#set(found ? { kind: 'ready' } : { kind: 'absent' });
    } catch (e) {
      if (!this.#running) return;
      this.#set({ kind: 'error', problems: ['error'], message: (e as Error).message });
    }
    if (this.#running) this.#timer = setTimeout(() => void this.#check(), this.config.pollMs);
  }

  #set(state: DeviceState): void {
    if (this.#state && JSON.stringify(state) === JSON.stringify(this.#state)) return;
    this.#state = state;
    this.emit('state', { deviceId: this.id, role: this.role, state, at: this.now().toISOString() });
  }
}
