// LabClient that forwards every call to the simulator in a Web Worker (lab-worker.ts). Calls
// are answered in order, so terminal keystrokes and applies keep their sequence.

import LabWorker from './lab-worker.ts?worker';
import type { LabClient, WorkerRequest, WorkerResponse } from './protocol.ts';

export function workerClient(): LabClient {
  const worker = new LabWorker();
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const p = pending.get(event.data.id);
    if (!p) return;
    pending.delete(event.data.id);
    if (event.data.ok) p.resolve(event.data.value);
    else p.reject(new Error(event.data.error));
  };
  worker.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'The lab worker failed.'));
    pending.clear();
  };
  const call =
    <R>(method: WorkerRequest['method']) =>
    (...args: unknown[]): Promise<R> =>
      new Promise<R>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, method, args } satisfies WorkerRequest);
      });
  return {
    mode: 'worker',
    start: call('start'),
    exec: call('exec'),
    complete: call('complete'),
    help: call('help'),
    interrupt: call('interrupt'),
    validate: call('validate'),
    apply: call('apply'),
    wait: call('wait'),
    dispose: () => worker.terminate(),
  };
}
