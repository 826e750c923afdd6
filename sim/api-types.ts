// The types of the simulator's public API (see index.ts). The lab UI, the grader CLI and the
// tests use only these; everything else in sim/ is internal.

import type { Diagnostic } from './core/diagnostics.ts';
import type { BgpState } from './model/state.ts';

/** What one terminal line did. */
export interface ExecResult {
  /** Screen text to print (may be empty), lines separated by "\n", no trailing prompt. */
  readonly output: string;
  /** The prompt to show for the next line (depends on the CLI mode). */
  readonly prompt: string;
  /** True when the command changed configuration or state (the lab re-settles and re-grades). */
  readonly changed: boolean;
  /** The shell asks the terminal to clear the screen (`clear`, Ctrl-L). */
  readonly clear?: boolean;
  /** The session ended (`exit` from the top level); the terminal may show a note. */
  readonly closed?: boolean;
}

export interface HelpItem {
  readonly token: string;
  readonly help: string;
}

/** `?` help and Tab completion for a partial line. */
export interface CompletionResult {
  /** The line after Tab (unique completion applied); unchanged when ambiguous. */
  readonly line: string;
  /** Candidates when ambiguous (Tab twice lists them). */
  readonly candidates: readonly string[];
  /** `?` output, formatted the way the device prints it. */
  readonly help: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  /** calicoctl-style result text ("Successfully applied 2 'BGPPeer' resource(s)"). */
  readonly message: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly changed: boolean;
}

export interface SettleResult {
  readonly converged: boolean;
  readonly steps: number;
  /** Virtual time (seconds) when the network went quiet. */
  readonly time: number;
  /** Why settling stopped without converging (step cap, oscillation of a named prefix). */
  readonly reason?: string;
}

export interface TopologyDevice {
  readonly name: string;
  readonly kind: 'router' | 'switch' | 'calico-node' | 'host' | 'pod';
  readonly platform: string;
  readonly asn?: number;
  readonly routeReflector: boolean;
  readonly running: boolean;
  readonly addresses: readonly string[];
  /** Pod devices: the node they run on. */
  readonly node?: string;
  /** Where the lab file places it (topology pane), if it does. */
  readonly position?: { readonly x: number; readonly y: number };
}

export interface TopologySegment {
  readonly name: string;
  readonly subnet?: string;
  /** Device/interface pairs plugged into it. */
  readonly members: readonly { readonly device: string; readonly iface: string; readonly address?: string }[];
}

export interface TopologySession {
  readonly a: string;
  readonly b: string;
  /** The better of the two ends' states (an Established session is Established on both). */
  readonly state: BgpState;
  readonly internal: boolean;
  readonly reason: string;
  readonly rrClient: boolean;
}

export interface TopologyView {
  readonly devices: readonly TopologyDevice[];
  readonly segments: readonly TopologySegment[];
  readonly sessions: readonly TopologySession[];
}

export interface LabEvent {
  readonly time: number;
  readonly device: string;
  readonly kind: 'session' | 'route' | 'config' | 'daemon' | 'link' | 'packet';
  readonly text: string;
  /** For session events: the peer device and the new state (the replay animates it). */
  readonly peer?: string;
  readonly state?: BgpState;
}

export interface TraceHop {
  readonly ttl: number;
  readonly device: string;
  /** The address that answers (what traceroute prints), or null for `* * *`. */
  readonly address: string | null;
  readonly iface?: string;
}

export interface PacketTrace {
  readonly disposition:
    | 'delivered'
    | 'no-route'
    | 'ttl-exceeded'
    | 'null-routed'
    | 'no-return-path'
    | 'filtered'
    | 'unreachable-neighbor'
    | 'refused';
  /** A sentence for hints: "R1 has no route to 10.244.20.1". */
  readonly reason: string;
  /** Devices the request crossed, in order (for the path animation). */
  readonly forward: readonly string[];
  /** Devices the reply crossed. */
  readonly back: readonly string[];
  /** TTL of the reply as the sender sees it (ping's ttl=…). */
  readonly replyTtl?: number;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly pass: boolean;
  /** Why it passed or failed, from the simulator's recorded reasons. */
  readonly reason: string;
}
