// pino-roll 4 ships no types; this is the part of its API the logger uses.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  export interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | string;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    sync?: boolean;
    fsync?: boolean;
    minLength?: number;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
