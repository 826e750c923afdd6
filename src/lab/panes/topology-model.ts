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
export function sessionStatesAt(
  events: readonly LabEvent[],
  index: number,
  owners: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const states = new Map<string, string>();
  for (let i = 0; i <= index && i < events.length; i++) {
    const e = events[i]!;
    const peer = e.peer ?? peerFromText(e.text, owners);
    if (e.kind === 'session' && peer && e.state) {
      // Both directions: the better end wins is the live view's rule; in a replay the latest
      // event about the pair is what just happened.
      states.set(`${e.device}|${peer}`, e.state);
      states.set(`${peer}|${e.device}`, e.state);
    }
  }
  return states;
}

/**
 * The peer device of a session event that names only the neighbour address
 * ("10.0.12.2: Established"): the device owning that address, if the topology knows it.
 */
export function peerFromText(text: string, owners: ReadonlyMap<string, string>): string | undefined {
  const m = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text);
  return m ? owners.get(m[1]!) : undefined;
}

/** address → device, from the topology (addresses may carry a /len). */
export function addressOwners(devices: readonly { readonly name: string; readonly addresses: readonly string[] }[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const d of devices) for (const a of d.addresses) owners.set(a.split('/')[0]!, d.name);
  return owners;
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
