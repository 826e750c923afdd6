// Wall-clock texts the tools print, from Unix seconds (the lab's virtual time + its epoch).

import { civil as civilTime } from '../../../core/clock.ts';

const civil = (unix: number) => civilTime(unix);

const p2 = (n: number): string => String(n).padStart(2, '0');

export function hms(unix: number): string {
  const c = civil(unix);
  return `${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}`;
}

export function ymd(unix: number): string {
  const c = civil(unix);
  return `${c.y}-${p2(c.m)}-${p2(c.d)}`;
}

/** BIRD's "since" column: HH:MM:SS when less than 20 hours ago, else YYYY-MM-DD. */
export function birdSince(unix: number, now: number): string {
  return now - unix < 20 * 3600 ? hms(unix) : ymd(unix);
}

export function birdDateTime(unix: number): string {
  return `${ymd(unix)} ${hms(unix)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date(1) default format: "Wed Jan  1 10:05:00 UTC 2025". */
export function dateText(unix: number): string {
  const c = civil(unix);
  return `${DAYS[c.wd]} ${MONTHS[c.m - 1]} ${String(c.d).padStart(2, ' ')} ${hms(unix)} UTC ${c.y}`;
}

/** dig's ";; WHEN:" format: "Wed Jan 01 10:05:00 UTC 2025". */
export function digWhen(unix: number): string {
  const c = civil(unix);
  return `${DAYS[c.wd]} ${MONTHS[c.m - 1]} ${p2(c.d)} ${hms(unix)} UTC ${c.y}`;
}

/** kubectl's AGE column (duration.HumanDuration). */
export function kubeAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}
