import { z } from 'zod';
import { VoiceError } from './errors.ts';
import { speakCodeVi, tokenizeCode } from './spell-vi.ts';

export const callInputSchema = z.object({
  ticketNumber: z.string().trim().min(1).max(16).regex(/^[\p{L}\p{Nd}][\p{L}\p{Nd} ._-]*$/u),
  counterName: z.string().trim().min(1).max(40),
});
export type CallInput = z.input<typeof callInputSchema>;

/** What the hall display shows and what the voice says are separate: "A012" is shown, "a mười hai" is said. */
export interface CallText {
  display: { vi: string; en: string };
  spoken: { vi: string; en: string };
}

// "5", "12B", "HC" are counter numbers ("quầy số 5"); "Thu phí" is a counter name ("quầy Thu phí").
function isCounterNumber(name: string): boolean {
  const first = tokenizeCode(name)[0];
  if (first === undefined) return false;
  return first.kind === 'digits' || (first.kind === 'letters' && first.text.length <= 3 && first.text === first.text.toUpperCase());
}

// English speech: espeak's English voice reads "A12" as "A twelve"; leading zeros are dropped so it does not
// say "zero one two" while the Vietnamese voice says the number's value.
function speakCodeEn(code: string): string {
  return tokenizeCode(code)
    .map((t) => (t.kind === 'digits' ? String(Number.parseInt(t.text, 10)) : t.kind === 'letters' ? t.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function callText(input: CallInput): CallText {
  const parsed = callInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VoiceError('bad-input', `call: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
  }
  const { ticketNumber, counterName } = parsed.data;
  const numbered = isCounterNumber(counterName);
  const counterVi = numbered ? `quầy số` : 'quầy';
  return {
    display: {
      vi: `Mời công dân có số thứ tự ${ticketNumber} đến ${counterVi} ${counterName}`,
      en: `Ticket ${ticketNumber}, please go to counter ${counterName}`,
    },
    spoken: {
      vi: `Mời công dân có số thứ tự ${speakCodeVi(ticketNumber)} đến ${counterVi} ${speakCodeVi(counterName)}`,
      en: `Ticket ${speakCodeEn(ticketNumber)}, please go to counter ${numbered ? speakCodeEn(counterName) : counterName}`,
    },
  };
}
