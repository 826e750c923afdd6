import { describe, expect, it } from 'vitest';
import { addressOwners, isTraceCommand, sessionClass, sessionStatesAt } from './topology-model.ts';

describe('topology model', () => {
  it('maps BGP states to three looks', () => {
    expect(sessionClass('Established')).toBe('established');
    expect(['Connect', 'Active', 'OpenSent', 'OpenConfirm'].map(sessionClass)).toEqual(Array(4).fill('connecting'));
    expect(sessionClass('Idle')).toBe('down');
  });
  it('replays session events up to an index', () => {
    const events = [
      { time: 0, device: 'R1', kind: 'session' as const, text: '', peer: 'R2', state: 'Connect' as const },
      { time: 1, device: 'R1', kind: 'route' as const, text: 'x' },
      { time: 2, device: 'R2', kind: 'session' as const, text: '', peer: 'R1', state: 'Established' as const },
    ];
    expect(sessionStatesAt(events, -1).size).toBe(0);
    expect(sessionStatesAt(events, 1).get('R2|R1')).toBe('Connect');
    expect(sessionStatesAt(events, 2).get('R1|R2')).toBe('Established');
  });
  it('finds the peer of an event that names only the neighbour address', () => {
    const owners = addressOwners([{ name: 'R2', addresses: ['10.0.12.2/24'] }]);
    const events = [{ time: 0, device: 'R1', kind: 'session' as const, text: '10.0.12.2: Established', state: 'Established' as const }];
    expect(sessionStatesAt(events, 0, owners).get('R2|R1')).toBe('Established');
  });
  it('recognises packet-sending commands', () => {
    expect(isTraceCommand('ping 10.0.0.1')).toBe(true);
    expect(isTraceCommand('kubectl exec -it pod-a -- traceroute 10.2.0.1')).toBe(true);
    expect(isTraceCommand('show ip bgp')).toBe(false);
  });
});
