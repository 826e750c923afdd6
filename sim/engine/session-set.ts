// An insertion-ordered set of sessions that iterates exactly like a Set<Session> (members in
// the order they were added; a member deleted and added again moves to the end), with the
// membership kept on the session object instead of in a hash table: every session of a
// 200-node mesh moves in and out of these sets several times while it comes up.

import type { Session } from '../bgp/session.ts';

export class SessionSet {
  /** Members at their positions; entries whose session no longer points back are holes. */
  private items: Session[] = [];
  private live = 0;

  constructor(
    /** The session field that holds this set's position (-1: not a member). */
    private readonly field: 'waitingPos' | 'upPos',
  ) {}

  get size(): number {
    return this.live;
  }

  has(s: Session): boolean {
    return s[this.field] >= 0;
  }

  add(s: Session): void {
    if (s[this.field] >= 0) return;
    s[this.field] = this.items.length;
    this.items.push(s);
    this.live++;
  }

  delete(s: Session): boolean {
    if (s[this.field] < 0) return false;
    s[this.field] = -1;
    this.live--;
    if (this.items.length > 64 && this.live < this.items.length / 2) this.compact();
    return true;
  }

  /** The members in order (a copy: the set may change while the caller walks it). */
  snapshot(): Session[] {
    const out: Session[] = [];
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i]![this.field] === i) out.push(items[i]!);
    return out;
  }

  private compact(): void {
    const members = this.snapshot();
    for (let i = 0; i < members.length; i++) members[i]![this.field] = i;
    this.items = members;
  }
}
