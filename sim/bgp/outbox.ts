// UPDATE items per session, collected during one decision (or one table dump) and sent at
// the end, sessions in the order they were first touched. It replaces a Map<Session, items>:
// a route reflector touches every client for every prefix, one hash lookup each.

import type { Session } from './session.ts';
import type { UpdateItem } from './speaker.ts';

let nextId = 1;

export class Outbox {
  /** Marks the sessions that belong to this outbox (see Session.outboxId). */
  private readonly id = nextId++;
  readonly sessions: Session[] = [];
  private readonly lists: UpdateItem[][] = [];

  /** The item list of `s`, registering the session on first use. */
  list(s: Session): UpdateItem[] {
    if (s.outboxId !== this.id) {
      s.outboxId = this.id;
      s.outboxIndex = this.sessions.length;
      this.sessions.push(s);
      this.lists.push([]);
    }
    return this.lists[s.outboxIndex]!;
  }

  get(s: Session): UpdateItem[] | undefined {
    return s.outboxId === this.id ? this.lists[s.outboxIndex] : undefined;
  }
}
