// Personal data must never reach a log file (ENGINEERING.md). Two layers:
//  - known personal fields are redacted by name, at any depth (pino `redact` handles the common paths fast);
//  - ID-card, old ID-card and phone numbers are masked wherever they appear in free text or as bare numbers.

/** Field names (camelCase as the contract uses them) whose values are personal data. Not plain `name`: devices,
 * counters and loggers have names too. */
export const PERSONAL_FIELDS = [
  'fullName', 'idNumber', 'cccd', 'cmnd', 'passportNumber', 'address', 'permanentAddress', 'currentAddress',
  'phone', 'phoneNumber', 'email', 'dateOfBirth', 'dob', 'birthDate', 'payload', 'formData', 'citizen', 'photo',
  'signature',
] as const;

export const REDACTED = '[redacted]';

// Matching ignores case, "_" and "-", so full_name / FullName / full-name are all caught.
const fieldKey = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
const PERSONAL_KEYS = new Set<string>(PERSONAL_FIELDS.map(fieldKey));

/** Is this object key one whose value is personal data? */
export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEYS.has(fieldKey(key));
}

/** pino `redact` paths: each field at the top level and one level down (deeper ones are caught by maskDeep). */
export function redactPaths(fields: readonly string[] = PERSONAL_FIELDS): string[] {
  return fields.flatMap((f) => [f, `*.${f}`]);
}

// Phone first: "+84 912 345 678" / "0912345678" (VN numbers are 0 + 9 digits).
const PHONE = /(?<![\d+])(?:\+84|0)(?:[ .-]?\d){9}(?!\d)/g;
// CCCD (12 digits) and CMND (9 digits), contiguous or written in groups of three ("001 099 012 345").
const ID12 = /(?<!\d)(?:\d{12}|\d{3}([ .-])\d{3}\1\d{3}\1\d{3})(?!\d)/g;
const ID9 = /(?<!\d)(?:\d{9}|\d{3}([ .-])\d{3}\1\d{3})(?!\d)/g;

/** Masks ID-card (12-digit), old ID-card (9-digit) and phone numbers in free text. */
export function maskPersonalText(text: string): string {
  return text.replace(PHONE, '[phone]').replace(ID12, '[id-12]').replace(ID9, '[id-9]');
}

const MAX_DEPTH = 10;

/**
 * A copy of `value` with personal fields redacted at any depth, every string masked, and whole numbers of 9 or 12
 * digits (an ID typed into a number field) masked too — privacy wins over the rare byte count of that length.
 */
export function maskDeep(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && /^-?(\d{9}|\d{12})$/.test(String(value)) ? maskPersonalText(String(value)) : value;
  }
  if (typeof value === 'bigint') return maskPersonalText(value.toString());
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1, seen));
  if (value instanceof Error) {
    return maskDeep({ type: value.name, message: value.message, stack: value.stack }, depth + 1, seen);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isPersonalKey(k) ? REDACTED : maskDeep(v, depth + 1, seen);
  }
  return out;
}

/**
 * The last step before a line is written: every value of the serialized JSON line (message, bindings, error
 * stacks, interpolated arguments) goes through maskDeep. A line that is not JSON is masked as plain text.
 */
export function maskLogLine(line: string): string {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${maskPersonalText(body)}\n`; // not JSON (should not happen with pino): still never leak
  }
  return `${JSON.stringify(maskDeep(parsed))}\n`;
}
