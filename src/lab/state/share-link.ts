// Share links: the lab state (lesson, exercise, journal) deflated with fflate and base64url
// encoded into the URL fragment (#lab=…). The fragment never reaches a server, so a shared
// session works from a static host and stays private to whoever has the link.

import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { cleanJournal, type JournalEntry } from './journal.ts';

export interface SharedLab {
  readonly lesson: string;
  readonly exercise: string;
  readonly journal: readonly JournalEntry[];
}

const TAG = 'lab';
/** Version prefix inside the payload so the encoding can change later. */
const VERSION = '1';
/** Refuse absurd payloads (a decompression bomb or a mangled link). */
const MAX_JSON = 2_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The payload alone (what follows `#lab=`). */
export function encodeShared(state: SharedLab): string {
  const json = JSON.stringify({ l: state.lesson, e: state.exercise, j: state.journal });
  return `${VERSION}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

export function decodeShared(payload: string): SharedLab | null {
  const dot = payload.indexOf('.');
  if (dot < 0 || payload.slice(0, dot) !== VERSION) return null;
  try {
    const bytes = inflateSync(fromBase64Url(payload.slice(dot + 1)));
    if (bytes.length > MAX_JSON) return null;
    const raw = JSON.parse(strFromU8(bytes)) as Record<string, unknown>;
    if (typeof raw.l !== 'string' || typeof raw.e !== 'string' || !Array.isArray(raw.j)) return null;
    return { lesson: raw.l, exercise: raw.e, journal: cleanJournal(raw.j) };
  } catch {
    return null;
  }
}

/** A full link: the page URL without its fragment, plus `#lab=<payload>`. */
export function shareUrl(pageUrl: string, state: SharedLab): string {
  return `${pageUrl.split('#')[0]}#${TAG}=${encodeShared(state)}`;
}

/** The shared state in a location hash (`#lab=…`), if any. */
export function readShareHash(hash: string): SharedLab | null {
  const m = new RegExp(`^#?${TAG}=(.+)$`).exec(hash);
  return m ? decodeShared(decodeURIComponent(m[1]!)) : null;
}
