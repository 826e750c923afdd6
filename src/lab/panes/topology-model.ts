// Pure helpers for the topology view (unit-tested without a DOM): how a BGP state is drawn and
// what each session's state was at a point of the event timeline.

import type { LabEvent } from '../runtime/protocol.ts';

export type SessionLook = 'established' | 'connecting' | 'down';

/** Established is solid, the FSM's in-between states dashed, Idle (and anything else) down. */
export function sessionClass(state: string): SessionLook {
  if (state === 'Established') return 'established';
  if (state === 'Connect' || state === 'Active' || state === 'OpenSent' || state === 'OpenConfirm') return 'connecting';
  return 'down';
}

/**
 * Session states after replaying events[0..index] (index -1 = before any event), keyed
 * "device|peer" in the direction the events name them. Sessions start Idle.
 */
export function sessionStatesAt(events: readonly LabEvent[], index: number): Map<string, string> {
  const states = new Map<string, string>();
  for (let i = 0; i <= index && i < events.length; i++) {
    const e = events[i]!;
    if (e.kind === 'session' && e.peer && e.state) {
      // Both directions: the better end wins is the live view's rule; in a replay the latest
      // event about the pair is what just happened.
      states.set(`${e.device}|${e.peer}`, e.state);
      states.set(`${e.peer}|${e.device}`, e.state);
    }
  }
  return states;
}

const TRACE_COMMANDS = new Set(['ping', 'traceroute', 'tracert', 'tracepath', 'curl', 'dig', 'nslookup']);

/** Whether a terminal line is one that sends packets (so its trace deserves an animation). */
export function isTraceCommand(line: string): boolean {
  const words = line.trim().split(/\s+/);
  // `kubectl exec pod -- ping …` counts too.
  const dashdash = words.indexOf('--');
  const cmd = dashdash >= 0 ? words[dashdash + 1] : words[0];
  return TRACE_COMMANDS.has((cmd ?? '').toLowerCase());
}
