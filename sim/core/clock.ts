// The lab's wall clock. The simulator runs on virtual seconds; every screen that prints a
// date or time of day (BIRD "since", FRR "Last update", IOS uptime dates, kubectl AGE,
// calicoctl timestamps) maps virtual time 0 to this one moment, so screens agree.

/** 2025-01-01T10:00:00Z (a Wednesday): "the lab starts at 10:00". */
export const LAB_EPOCH_SECONDS = 1735725600;
export const LAB_EPOCH_MS = LAB_EPOCH_SECONDS * 1000;

/** Wall-clock Date of a virtual time. */
export function labDate(virtualSeconds: number): Date {
  return new Date(LAB_EPOCH_MS + Math.floor(virtualSeconds) * 1000);
}

export interface CivilTime {
  readonly y: number;
  readonly m: number; // 1-12
  readonly d: number;
  readonly hh: number;
  readonly mm: number;
  readonly ss: number;
  /** Day of the week, 0 = Sunday. */
  readonly wd: number;
}

/** UTC calendar fields of a Unix time (seconds). */
export function civil(unixSeconds: number): CivilTime {
  const t = new Date(Math.floor(unixSeconds) * 1000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes(), ss: t.getUTCSeconds(), wd: t.getUTCDay() };
}

/** RFC 3339 UTC text, as Kubernetes prints creationTimestamp. */
export function rfc3339(unixSeconds: number): string {
  const c = civil(unixSeconds);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(c.y, 4)}-${p(c.m)}-${p(c.d)}T${p(c.hh)}:${p(c.mm)}:${p(c.ss)}Z`;
}
