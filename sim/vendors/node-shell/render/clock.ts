// Wall-clock texts the tools print, from Unix seconds (the lab's virtual time + its epoch).

function civil(unix: number): { y: number; m: number; d: number; hh: number; mm: number; ss: number; wd: number } {
  const s = Math.floor(unix);
  const days = Math.floor(s / 86400);
  let rem = s - days * 86400;
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mm = Math.floor(rem / 60);
  const ss = rem - mm * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const wd = (((days % 7) + 7 + 4) % 7); // 1970-01-01 was a Thursday
  return { y, m, d, hh, mm, ss, wd };
}

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
