// The object the lab UI, the grader CLI and the tests hold: one running lab. Implemented by
// lab/lab.ts; this file is the contract (the UI codes against it).

import type {
  ApplyResult,
  CheckResult,
  CompletionResult,
  ExecResult,
  LabEvent,
  PacketTrace,
  SettleResult,
  TopologyView,
} from './api-types.ts';
import type { Diagnostic } from './core/diagnostics.ts';
import type { NetworkQuery } from './model/query.ts';

export interface LabDeviceInfo {
  readonly name: string;
  readonly kind: 'router' | 'switch' | 'calico-node' | 'host' | 'pod';
  /** 'frr' | 'cisco-ios' | 'huawei-vrp' | 'bird' | 'linux' — picks the terminal flavour. */
  readonly platform: string;
  /** Whether it gets a terminal tab (pods do not by default). */
  readonly terminal: boolean;
}

export interface LabFileInfo {
  readonly name: string;
  readonly text: string;
  /** 'calico' files are applied like `calicoctl apply -f`. */
  readonly kind: 'calico' | 'kubernetes';
}

/** One learner action; a lab's state is its start state plus its journal, replayed in order. */
export type JournalEntry =
  | { readonly kind: 'exec'; readonly device: string; readonly line: string }
  | { readonly kind: 'apply'; readonly file: string; readonly text: string }
  | { readonly kind: 'interrupt'; readonly device: string }
  /** Virtual time passing (hold timers, graceful restart): `sleep 200`, the fast-forward button. */
  | { readonly kind: 'wait'; readonly seconds: number };

export interface ExerciseInfo {
  readonly id: string;
  readonly title: string;
  /** What the learner must achieve (markdown). */
  readonly goal: string;
  /** Progressive hints, least revealing first. */
  readonly hints: readonly string[];
  /** The solution as the learner would do it: terminal lines and YAML applies. */
  readonly solution: readonly JournalEntry[];
  /** Prose shown with the solution: why it works. */
  readonly explanation: string;
  readonly checks: readonly { readonly id: string; readonly title: string }[];
}

/** How to start a lab: the lesson folder's text files and which lab/exercise to run. */
export interface LabSource {
  /** Text files of the lesson folder, keyed by path relative to it ("lab.yaml", "exercises/x.yaml", "configs/R1.vrp"). */
  readonly files: Readonly<Record<string, string>>;
  /** Path of the lab definition inside `files` (default "lab.yaml"). */
  readonly lab?: string;
  /** Exercise id (file exercises/<id>.yaml) to run; the exercise may replace start files/commands. */
  readonly exercise?: string;
  /** Actions to replay on top of the start state (a saved or shared session). */
  readonly journal?: readonly JournalEntry[];
}

export interface LabHandle {
  /** The exercise being run, if any. */
  exercise(): ExerciseInfo | undefined;
  readonly id: string;
  readonly title: string;
  devices(): readonly LabDeviceInfo[];
  prompt(device: string): string;
  exec(device: string, line: string): ExecResult;
  complete(device: string, line: string): CompletionResult;
  /** `?` pressed after `line`. */
  help(device: string, line: string): string;
  /** Ctrl-C. Returns text to print (often empty). */
  interrupt(device: string): string;
  /** The editable YAML files of the lab, with their current text. */
  files(): readonly LabFileInfo[];
  /** Parse + validate without applying (as-you-type markers). */
  validate(file: string, text: string): readonly Diagnostic[];
  /** `calicoctl apply -f <file>` with this text. On any error nothing is applied. */
  apply(file: string, text: string): ApplyResult;
  settle(): SettleResult;
  /** Lets virtual time pass (timers such as hold and graceful restart fire), then settles. */
  wait(seconds: number): SettleResult;
  /** Virtual seconds since the lab started. */
  time(): number;
  topology(): TopologyView;
  events(): readonly LabEvent[];
  /** The exercise's checks against the current state. Empty when the lab has no exercise. */
  grade(): readonly CheckResult[];
  /** The path of the last ping/traceroute/curl, for the topology animation. */
  lastTrace(): PacketTrace | undefined;
  /** Everything done since the start, for saving and sharing. */
  journal(): readonly JournalEntry[];
  /** Read-only state for advanced views. */
  query(): NetworkQuery;
}
