import { callText, type CallInput, type CallText } from './call-text.ts';
import { createAnnouncementQueue, type AnnouncementQueue, type PlayClip } from './queue.ts';
import type { VoiceRenderer } from './renderer.ts';
import { announcerSettingsSchema, type AnnouncerSettings, type SpeechSegment } from './settings.ts';

export interface AnnouncerOptions {
  renderer: Pick<VoiceRenderer, 'render'>;
  play: PlayClip;
  settings?: Partial<AnnouncerSettings>;
  onListenerError?: (error: unknown) => void;
}

export interface Announcer {
  readonly queue: AnnouncementQueue;
  /** Queues the call-out for a ticket; returns the announcement id and the texts for the hall display. */
  call(input: CallInput): { id: string; text: CallText };
  settings(): AnnouncerSettings;
  /** Changes language / repeat / volume for announcements queued from now on (validated; throws on bad values). */
  configure(next: Partial<AnnouncerSettings>): AnnouncerSettings;
}

export function createAnnouncer(options: AnnouncerOptions): Announcer {
  let current = announcerSettingsSchema.parse(options.settings ?? {});
  const queue = createAnnouncementQueue({
    renderer: options.renderer,
    play: options.play,
    onListenerError: options.onListenerError,
  });
  return {
    queue,
    call(input) {
      const text = callText(input);
      const segments: SpeechSegment[] = current.languages.map((lang) =>
        lang === 'vi' ? { voice: current.voiceVi, text: text.spoken.vi } : { voice: current.voiceEn, text: text.spoken.en },
      );
      const id = queue.enqueue({ segments, repeat: current.repeat, volume: current.volume });
      return { id, text };
    },
    settings: () => current,
    configure(next) {
      current = announcerSettingsSchema.parse({ ...current, ...next });
      return current;
    },
  };
}
