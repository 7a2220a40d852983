import { useEffect, useState } from 'react';
import { formatClock, toVnLocal } from '../../../../main/core/calendar/civil-date.ts';

/** "12 phút", "1 giờ 5 phút" since an ISO time; "—" without one. */
export function sinceVi(iso: string | null, now: number): string {
  if (!iso) return '—';
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (m < 1) return 'vừa xong';
  if (m < 60) return `${m} phút`;
  return `${Math.floor(m / 60)} giờ ${m % 60} phút`;
}

/** Wall-clock HH:MM in Vietnam for an ISO time. */
export function clockVi(iso: string): string {
  return formatClock(toVnLocal(new Date(iso)).minutes);
}

export const num = (x: number | null, unit = '') => (x === null ? '—' : `${String(x).replace('.', ',')}${unit}`);

/** Re-renders every `ms` so "since" durations stay true without asking the core again. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
