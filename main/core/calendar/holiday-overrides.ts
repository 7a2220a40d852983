// Each year's official day-off decisions as configuration (assets/holidays/vn-YYYY.json).
// The Labour Code fixes the holidays (Art. 112) and weekend compensation (Art. 111); every year the
// Prime Minister decides the exact Tết and Quốc khánh days and may swap a weekday off for a Saturday
// worked ("hoán đổi"). Those decisions are data, not code: a new year needs only a new JSON file.
import { z } from 'zod';
import { dayOfWeek, isCivilDate, parseCivilDate } from './civil-date.ts';

/** The statutory holiday groups a published break can replace. */
export const HOLIDAY_GROUPS = ['tet-duong-lich', 'tet-am-lich', 'gio-to', 'chien-thang', 'quoc-te-lao-dong', 'quoc-khanh', 'khac'] as const;
export type HolidayGroup = (typeof HOLIDAY_GROUPS)[number];

const civil = z.string().refine(isCivilDate, { message: 'ngày phải là YYYY-MM-DD có thật' });

export const HolidaySourceSchema = z.object({
  /** Document number, e.g. "8726/VPCP-KGVX"; null when only press reports of it were found. */
  ref: z.string().min(1).nullable(),
  issued: civil.nullable(),
  summary: z.string().min(1),
  urls: z.array(z.string().url()).min(1),
});

export const HolidayBreakSchema = z
  .object({
    /** First and last day of the continuous break as published ("nghỉ từ … đến hết …"), weekends included. */
    from: civil,
    to: civil,
    name: z.string().min(1),
    /** Statutory groups whose default days (and their compensation) this break replaces. */
    replaces: z.array(z.enum(HOLIDAY_GROUPS)),
  })
  .refine((b) => b.from <= b.to, { message: 'from phải trước hoặc bằng to' });

export const MakeUpWorkingDaySchema = z
  .object({
    date: civil,
    name: z.string().min(1),
  })
  .refine((d) => !isCivilDate(d.date) || [0, 6].includes(dayOfWeek(d.date)), { message: 'ngày làm bù phải là thứ Bảy hoặc Chủ nhật' });

export const YearOverridesSchema = z
  .object({
    year: z.number().int().min(1990).max(2199),
    sources: z.array(HolidaySourceSchema).min(1),
    breaks: z.array(HolidayBreakSchema),
    makeUpWorkingDays: z.array(MakeUpWorkingDaySchema),
    /** What was looked for and not verified, so a reader knows the file's limits. */
    notes: z.array(z.string()).default([]),
  })
  .superRefine((o, ctx) => {
    // Zod may run this even when a nested date failed; those already carry their own issue.
    const within = (d: string) => !isCivilDate(d) || Math.abs(parseCivilDate(d).year - o.year) <= 1;
    o.breaks.forEach((b, i) => {
      if (!within(b.from) || !within(b.to)) ctx.addIssue({ code: 'custom', path: ['breaks', i], message: `ngày nghỉ ngoài năm ${o.year} ± 1` });
    });
    o.makeUpWorkingDays.forEach((d, i) => {
      if (!within(d.date)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkingDays', i], message: `ngày làm bù ngoài năm ${o.year} ± 1` });
    });
  });

export type HolidaySource = z.infer<typeof HolidaySourceSchema>;
export type HolidayBreak = z.infer<typeof HolidayBreakSchema>;
export type YearOverrides = z.infer<typeof YearOverridesSchema>;

export class HolidayConfigError extends Error {
  override readonly name = 'HolidayConfigError';
}

/** Validates one parsed JSON file; throws HolidayConfigError naming the first problems. */
export function parseYearOverrides(json: unknown): YearOverrides {
  const r = YearOverridesSchema.safeParse(json);
  if (!r.success) {
    const detail = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`)
      .join('; ');
    throw new HolidayConfigError(`tệp ngày nghỉ không hợp lệ — ${detail}`);
  }
  return r.data;
}
