// The voice service: Vietnamese call-out text, offline espeak-ng + sox rendering, and a never-overlapping queue.
export { readNumberVi, NumberReadingError } from './number-vi.ts';
export { letterNameVi, speakCodeVi } from './spell-vi.ts';
export { callText, callInputSchema, type CallInput, type CallText } from './call-text.ts';
export { VoiceError, type VoiceErrorCode } from './errors.ts';
export { createVoiceRenderer, type VoiceRenderer, type VoiceRendererOptions, type RenderedClip, type VoiceHealth } from './renderer.ts';
export { createAnnouncementQueue, type AnnouncementQueue, type AnnouncementEvent, type PlayClip } from './queue.ts';
export { createAnnouncer, type Announcer, type AnnouncerOptions } from './announcer.ts';
export { findCommandPlayer, createCommandPlayer } from './player.ts';
export { chimeSoxArgs } from './chime.ts';
export { announcerSettingsSchema, renderRequestSchema, type AnnouncerSettings, type RenderRequest, type SpeechSegment } from './settings.ts';
