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
