// Web Worker entry: the simulator for big labs runs here so a long settle never freezes the
// page. Requests are LabClient calls by name; answers carry the request id.

import { LabSession } from './lab-session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

const session = new LabSession();
const methods: Record<WorkerRequest['method'], (...args: never[]) => unknown> = {
  start: (src) => session.start(src),
  exec: (d: string, l: string) => session.exec(d, l),
  complete: (d: string, l: string) => session.complete(d, l),
  help: (d: string, l: string) => session.help(d, l),
  interrupt: (d: string) => session.interrupt(d),
  validate: (f: string, t: string) => session.validate(f, t),
  apply: (f: string, t: string) => session.apply(f, t),
  wait: (sec: number) => session.wait(sec),
};

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, method, args } = event.data;
  let reply: WorkerResponse;
  try {
    // `start` is asynchronous (it loads the lab's front ends); the others answer at once.
    reply = { id, ok: true, value: await (methods[method] as (...a: unknown[]) => unknown)(...args) };
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
