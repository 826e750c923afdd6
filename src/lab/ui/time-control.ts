// "Let time pass": fast-forwards the lab's virtual clock so timers fire (BGP hold timers,
// graceful restart, connect retries) without waiting in real time. The simulator journals it,
// so a saved or shared session replays the same wait.

export interface TimeControlOptions {
  readonly host: HTMLElement;
  readonly wait: (seconds: number) => Promise<void>;
}

const CHOICES: readonly [number, string][] = [
  [10, '10 s'],
  [30, '30 s'],
  [90, '90 s (a hold time)'],
  [180, '3 min'],
  [600, '10 min'],
];

export function createTimeControl(opts: TimeControlOptions): void {
  const wrap = document.createElement('div');
  wrap.className = 'lab-time';
  const uid = Math.random().toString(36).slice(2, 8);
  const label = document.createElement('label');
  label.htmlFor = `lab-${uid}-wait`;
  label.textContent = 'Let time pass:';
  const select = document.createElement('select');
  select.id = `lab-${uid}-wait`;
  for (const [s, text] of CHOICES) select.add(new Option(text, String(s), s === 30, s === 30));
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'lab-button lab-button-small';
  go.textContent = 'Fast-forward';
  go.title = 'Advance the virtual clock: timers fire, the network re-settles';
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      await opts.wait(Number(select.value));
    } finally {
      go.disabled = false;
    }
  });
  wrap.append(label, select, go);
  opts.host.append(wrap);
}
