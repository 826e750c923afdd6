// Known-answer vectors for the pure-TS hashes (FIPS 180-4 examples plus multi-block and
// non-ASCII input), checked against Node's crypto so both share one padding routine safely.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from './sha1.ts';
import { sha256Hex } from '../vendors/calico/compile/sha256.ts';

const inputs = ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(1000), 'kube-system.coredns-ü-€-😀'];

describe('sha1Hex / sha256Hex', () => {
  it('sha1 of "abc" is the FIPS 180-4 example', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
  it('sha256 of "abc" is the FIPS 180-4 example', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it.each(inputs)('match node:crypto for %j', (text) => {
    expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
