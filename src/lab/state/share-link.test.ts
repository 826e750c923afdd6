import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShared, encodeShared, readShareHash, shareUrl } from './share-link.ts';

describe('share links', () => {
  const state = {
    lesson: '01-why-bgp',
    exercise: 'fix-remote-as',
    journal: [
      { kind: 'exec' as const, device: 'R1', line: 'configure terminal' },
      { kind: 'apply' as const, file: 'bgp.yaml', text: 'kind: BGPPeer\nspec: {asNumber: 64513}\n' },
      { kind: 'interrupt' as const, device: 'R2' },
    ],
  };
  it('round-trips through a URL fragment', () => {
    const url = shareUrl('http://127.0.0.1:4321/lessons/01-why-bgp/#old', state);
    expect(url.startsWith('http://127.0.0.1:4321/lessons/01-why-bgp/#lab=1.')).toBe(true);
    expect(url).toMatch(/^[A-Za-z0-9:/._#=-]+$/); // URL-safe, no escaping needed
    expect(readShareHash(new URL(url).hash)).toEqual(state);
  });
  it('compresses repetitive journals well', () => {
    const big = { ...state, journal: Array.from({ length: 200 }, () => state.journal[0]!) };
    expect(encodeShared(big).length).toBeLessThan(300);
  });
  it('rejects damaged or foreign payloads', () => {
    expect(decodeShared('2.abc')).toBeNull();
    expect(decodeShared('1.@@@')).toBeNull();
    expect(decodeShared('1.' + encodeShared(state).slice(2, 10))).toBeNull();
    expect(readShareHash('#other=1')).toBeNull();
  });
  it('property: any journal of valid entries survives the round trip', () => {
    const entry = fc.oneof(
      fc.record({ kind: fc.constant('exec' as const), device: fc.string(), line: fc.string({ unit: 'grapheme' }) }),
      fc.record({ kind: fc.constant('apply' as const), file: fc.string(), text: fc.string({ unit: 'grapheme' }) }),
      fc.record({ kind: fc.constant('interrupt' as const), device: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.string(), (journal, exercise) => {
        const s = { lesson: 'l', exercise, journal };
        expect(decodeShared(encodeShared(s))).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });
});
