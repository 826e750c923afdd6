// What the lab UI asks of a running lab, as plain data, so the same calls can run in the page
// or through a Web Worker (big labs) without the UI knowing which. Every state-changing call
// returns a fresh LabView: the UI re-renders topology, timeline and checks from it.

import type {
  ApplyResult,
  CheckResult,
  CompletionResult,
  Diagnostic,
  ExecResult,
  ExerciseInfo,
  JournalEntry,
  LabDeviceInfo,
  LabEvent,
  LabFileInfo,
  LabSource,
  PacketTrace,
  SettleResult,
  TopologySession,
  TopologyView,
} from '../../../sim/index.ts';

export type {
  ApplyResult,
  CheckResult,
  CompletionResult,
  Diagnostic,
  ExecResult,
  ExerciseInfo,
  JournalEntry,
  LabDeviceInfo,
  LabEvent,
  LabFileInfo,
  LabSource,
  PacketTrace,
  SettleResult,
  TopologySession,
  TopologyView,
};

export interface LabInfo {
  readonly id: string;
  readonly title: string;
  readonly devices: readonly LabDeviceInfo[];
  readonly prompts: Readonly<Record<string, string>>;
  readonly files: readonly LabFileInfo[];
  readonly exercise?: ExerciseInfo;
}

/** The settled state the panes render. */
export interface LabView {
  readonly grade: readonly CheckResult[];
  readonly topology: TopologyView;
  readonly events: readonly LabEvent[];
  readonly trace?: PacketTrace;
  readonly journal: readonly JournalEntry[];
  readonly settle: SettleResult;
  /** Wall-clock cost of the action + settle + grade in the simulator, in ms. */
  readonly ms: number;
}

export interface StartResult {
  readonly info: LabInfo | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly view?: LabView;
}

export interface ExecReply {
  readonly result: ExecResult;
  readonly view: LabView;
}

export interface InterruptReply {
  readonly text: string;
  readonly prompt: string;
  readonly view: LabView;
}

export interface ApplyReply {
  readonly result: ApplyResult;
  readonly view: LabView;
  readonly files: readonly LabFileInfo[];
}

/** The asynchronous face of a lab: implemented in-page (page-client) and over a worker. */
export interface LabClient {
  readonly mode: 'page' | 'worker';
  start(source: LabSource): Promise<StartResult>;
  exec(device: string, line: string): Promise<ExecReply>;
  complete(device: string, line: string): Promise<CompletionResult>;
  help(device: string, line: string): Promise<string>;
  interrupt(device: string): Promise<InterruptReply>;
  validate(file: string, text: string): Promise<readonly Diagnostic[]>;
  apply(file: string, text: string): Promise<ApplyReply>;
  /** Lets virtual time pass (hold timers, graceful restart) and settles. */
  wait(seconds: number): Promise<LabView>;
  dispose(): void;
}

/** Messages to the worker: a method name and its arguments, answered by id. */
export type WorkerRequest = { readonly id: number; readonly method: Exclude<keyof LabClient, 'mode' | 'dispose'>; readonly args: readonly unknown[] };
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };
