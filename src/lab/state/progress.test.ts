import { describe, expect, it } from 'vitest';
import { makeExport, mergeRecords, migrateRecord, newRecord, parseExport, type ExerciseRecord } from './progress-format.ts';
import { ProgressStore, recordKey, type KeyValueStore } from './progress-store.ts';

class MemoryStorage implements KeyValueStore {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const exec = (line: string) => ({ kind: 'exec' as const, device: 'R1', line });

describe('progress format', () => {
  it('migrates a version-1 record using the key for lesson/exercise', () => {
    const r = migrateRecord({ version: 1, journal: [exec('conf t'), { kind: 'bogus' }], saved: 5 }, '01-why-bgp', 'fix-as');
    expect(r).toEqual({ v: 2, lesson: '01-why-bgp', exercise: 'fix-as', journal: [exec('conf t')], startedAt: 5, updatedAt: 5 });
  });
  it('reads version 2 and drops malformed fields', () => {
    const r = migrateRecord({ v: 2, lesson: 'l', exercise: 'e', journal: [exec('x')], startedAt: 1, updatedAt: 2, completedAt: 'no', checks: { passed: 1, total: 2 } });
    expect(r).toEqual({ v: 2, lesson: 'l', exercise: 'e', journal: [exec('x')], startedAt: 1, updatedAt: 2, checks: { passed: 1, total: 2 } });
  });
  it('refuses unknown or future versions', () => {
    expect(migrateRecord({ v: 3, lesson: 'l', exercise: 'e' })).toBeNull();
    expect(migrateRecord('nonsense')).toBeNull();
    expect(migrateRecord({ version: 1, journal: [] })).toBeNull(); // v1 needs the key's names
  });
  it('export round trip, and rejects other files', () => {
    const rec = { ...newRecord('l', 'e', 10), journal: [exec('show')] };
    const text = JSON.stringify(makeExport('Ada', [rec], new Date(0)));
    const parsed = parseExport(text);
    expect(parsed.ok && parsed.value.records).toEqual([rec]);
    expect(parsed.ok && parsed.value.learner).toBe('Ada');
    expect(parseExport('{').ok).toBe(false);
    expect(parseExport('{"format":"other"}').ok).toBe(false);
    expect(parseExport(JSON.stringify({ format: 'calico-bgp-lab-progress', version: 99, records: [] })).ok).toBe(false);
  });
  it('reads version-1 exports', () => {
    const text = JSON.stringify({
      format: 'calico-bgp-lab-progress',
      version: 1,
      learner: 'Bo',
      records: [{ lesson: 'l', exercise: 'e', record: { version: 1, journal: [exec('a')], saved: 3 } }],
    });
    const parsed = parseExport(text);
    expect(parsed.ok && parsed.value.records[0]?.journal).toEqual([exec('a')]);
  });
  it('merge keeps the newer record per exercise and never forgets a completion', () => {
    const old: ExerciseRecord = { ...newRecord('l', 'e', 1), completedAt: 5, updatedAt: 5 };
    const newer: ExerciseRecord = { ...newRecord('l', 'e', 1), updatedAt: 9 };
    const merged = mergeRecords([old], [newer]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.updatedAt).toBe(9);
    expect(merged[0]!.completedAt).toBe(5);
    expect(mergeRecords([newer], [old])[0]).toBe(newer);
  });
});

describe('ProgressStore', () => {
  it('saves, loads and lists records', () => {
    const store = new ProgressStore(new MemoryStorage());
    store.save({ ...newRecord('a', 'x', 1), journal: [exec('1')] });
    store.save(newRecord('a', 'w', 1));
    expect(store.load('a', 'x')?.journal).toEqual([exec('1')]);
    expect(store.all().map((r) => r.exercise)).toEqual(['w', 'x']);
  });
  it('migrates a version-1 key on read and removes the old key', () => {
    const mem = new MemoryStorage();
    mem.setItem('cbl:01:fix', JSON.stringify({ version: 1, journal: [exec('x')], saved: 7 }));
    const store = new ProgressStore(mem);
    expect(store.all()).toHaveLength(1);
    expect(mem.getItem('cbl:01:fix')).toBeNull();
    expect(JSON.parse(mem.getItem(recordKey('01', 'fix'))!).v).toBe(2);
  });
  it('works without storage (private mode): nothing saved, nothing thrown', () => {
    const store = new ProgressStore(null);
    expect(store.save(newRecord('a', 'b', 1))).toBe(false);
    expect(store.load('a', 'b')).toBeNull();
    expect(store.all()).toEqual([]);
  });
  it('reports a full storage instead of throwing', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(new ProgressStore(full).save(newRecord('a', 'b', 1))).toBe(false);
  });
  it('export/import all progress between two browsers', () => {
    const a = new ProgressStore(new MemoryStorage());
    a.setLearner('Ada');
    a.save({ ...newRecord('l', 'e', 1), journal: [exec('z')], updatedAt: 4 });
    const b = new ProgressStore(new MemoryStorage());
    const parsed = parseExport(JSON.stringify(a.exportAll(new Date(0))));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(b.importAll(parsed.value)).toBe(1);
    expect(b.load('l', 'e')?.journal).toEqual([exec('z')]);
  });
});
