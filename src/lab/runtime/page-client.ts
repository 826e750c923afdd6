// LabClient running the simulator on the page's own thread: no start-up cost beyond loading
// the bundle; right for lesson-size labs where an action settles in a few milliseconds.

import { LabSession } from './lab-session.ts';
import type { LabClient } from './protocol.ts';

export function pageClient(): LabClient {
  const s = new LabSession();
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      try {
        return Promise.resolve(fn(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  return {
    mode: 'page',
    start: (src) => s.start(src),
    exec: wrap((d, l) => s.exec(d, l)),
    complete: wrap((d, l) => s.complete(d, l)),
    help: wrap((d, l) => s.help(d, l)),
    interrupt: wrap((d) => s.interrupt(d)),
    validate: wrap((f, t) => s.validate(f, t)),
    apply: wrap((f, t) => s.apply(f, t)),
    wait: wrap((sec) => s.wait(sec)),
    dispose: () => {},
  };
}
