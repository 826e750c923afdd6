// Topology pane: devices, L2 segments and BGP sessions drawn with d3, a timeline that replays
// lab.events(), and the last ping/traceroute animated hop by hop. The only module that imports
// d3 (loaded with the lab island). Session styling never relies on colour alone: state is the
// line pattern (solid / dashed / dotted with a cross), iBGP vs eBGP is colour *and* a label.

// One import of d3 for the whole site; Vite tree-shakes it to selection/force/drag/transition.
// `transition` is used explicitly: it also installs selection.transition(), which tree-shaking
// would otherwise drop.
import { drag, transition, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, select, type SimulationNodeDatum } from 'd3';
import type { LabEvent, LabView, PacketTrace, TopologySession, TopologyView } from '../runtime/protocol.ts';
import { addressOwners, isTraceCommand, sessionClass, sessionStatesAt } from './topology-model.ts';

export interface TopologyPaneOptions {
  readonly host: HTMLElement;
  readonly labId: string;
  readonly onDevice: (device: string) => void;
  readonly terminals: ReadonlySet<string>;
}

export interface TopologyPane {
  update(view: LabView): void;
}

interface Node extends SimulationNodeDatum {
  id: string;
  label: string;
  sub: string;
  /** Addresses, shown on hover and read by screen readers. */
  detail: string;
  kind: string;
  segment: boolean;
  rr: boolean;
  running: boolean;
}

const W = 480;
const H = 360;
const SVGNS = 'http://www.w3.org/2000/svg';
const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function loadPositions(key: string): Record<string, [number, number]> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, [number, number]>;
  } catch {
    return {};
  }
}

function savePositions(key: string, nodes: readonly Node[]): void {
  try {
    const pos: Record<string, [number, number]> = {};
    for (const n of nodes) if (n.fx != null && n.fy != null) pos[n.id] = [Math.round(n.fx), Math.round(n.fy)];
    localStorage.setItem(key, JSON.stringify(pos));
  } catch {
    /* positions are a nicety */
  }
}

const shapeFor = (kind: string): string => {
  switch (kind) {
    case 'router':
      return 'M-16,-12 h32 a4,4 0 0 1 4,4 v16 a4,4 0 0 1 -4,4 h-32 a4,4 0 0 1 -4,-4 v-16 a4,4 0 0 1 4,-4 z';
    case 'switch':
      return 'M0,-16 L18,0 L0,16 L-18,0 z';
    case 'calico-node':
      return 'M-14,-14 h28 v28 h-28 z';
    case 'host':
      return 'M0,-16 L16,12 L-16,12 z';
    case 'pod':
      return 'M-7,0 a7,7 0 1 0 14,0 a7,7 0 1 0 -14,0';
    default:
      return 'M-12,0 a12,12 0 1 0 24,0 a12,12 0 1 0 -24,0';
  }
};

const kindLabel: Record<string, string> = {
  router: 'router',
  switch: 'switch',
  'calico-node': 'Kubernetes node',
  host: 'VM',
  pod: 'pod',
};

export function createTopologyPane(opts: TopologyPaneOptions): TopologyPane {
  const { host } = opts;
  host.replaceChildren();
  const posKey = `calico-bgp-lab/positions/${opts.labId}`;

  const figure = document.createElement('figure');
  figure.className = 'lab-topo-figure';
  const svgEl = document.createElementNS(SVGNS, 'svg');
  svgEl.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svgEl.setAttribute('role', 'group');
  svgEl.setAttribute('aria-label', 'Network topology: devices, links and BGP sessions');
  svgEl.classList.add('lab-topo');
  const caption = document.createElement('figcaption');
  caption.className = 'lab-topo-caption';
  caption.setAttribute('aria-live', 'polite');
  figure.append(svgEl, caption);

  const legend = document.createElement('div');
  legend.className = 'lab-topo-legend';
  legend.innerHTML =
    '<span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" class="sess ebgp established"/></svg>eBGP</span>' +
    '<span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" class="sess ibgp established"/></svg>iBGP</span>' +
    '<span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" class="sess ibgp connecting"/></svg>connecting</span>' +
    '<span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" class="sess ibgp down"/></svg>down</span>' +
    '<span><b class="rr-badge-legend">RR</b> route reflector</span>';

  // Timeline: replay of lab.events() with play / pause / step.
  const timeline = document.createElement('div');
  timeline.className = 'lab-timeline';
  const mk = (label: string, text: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'lab-button lab-button-small';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    return b;
  };
  const restart = mk('Replay from the start', '|◀');
  const play = mk('Play the timeline', '▶');
  const stepBtn = mk('Step to the next event', '▶|');
  const live = mk('Show the current state', 'Live');
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.className = 'lab-timeline-slider';
  slider.setAttribute('aria-label', 'Timeline position');
  const eventText = document.createElement('p');
  eventText.className = 'lab-timeline-event';
  eventText.setAttribute('aria-live', 'polite');
  timeline.append(restart, play, stepBtn, slider, live, eventText);

  // Text alternative: the session list (also handy for everyone).
  const details = document.createElement('details');
  details.className = 'lab-sessions';
  const summary = document.createElement('summary');
  summary.textContent = 'BGP sessions';
  const sessionList = document.createElement('ul');
  details.append(summary, sessionList);

  host.append(figure, legend, timeline, details);

  const svg = select(svgEl);
  const gLinks = svg.append('g').attr('class', 'links');
  const gSessions = svg.append('g').attr('class', 'sessions');
  const gNodes = svg.append('g').attr('class', 'nodes');
  const gTrace = svg.append('g').attr('class', 'trace');

  let nodes: Node[] = [];
  let byId = new Map<string, Node>();
  let topo: TopologyView | undefined;
  let events: readonly LabEvent[] = [];
  let structureKey = '';
  let replayIndex: number | null = null; // null = live
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastTraceKey = '';

  function layout(t: TopologyView): void {
    const saved = loadPositions(posKey);
    const old = byId;
    nodes = [
      ...t.devices.map<Node>((d) => ({
        id: d.name,
        label: d.name,
        sub: d.asn ? `AS ${d.asn}` : '',
        detail: d.addresses.join(', '),
        kind: d.kind,
        segment: false,
        rr: d.routeReflector,
        running: d.running,
      })),
      ...t.segments
        .filter((s) => s.members.length > 2)
        .map<Node>((s) => ({ id: `seg:${s.name}`, label: s.subnet ?? s.name, sub: '', detail: s.name, kind: 'segment', segment: true, rr: false, running: true })),
    ];
    // Where the lab file places a device is where the layout starts (the force layout then
    // tidies around it); positions the learner dragged win over both.
    const authored = scaleIntoView(new Map(t.devices.filter((d) => d.position).map((d) => [d.name, [d.position!.x, d.position!.y] as [number, number]])));
    for (const n of nodes) {
      const p = saved[n.id] ?? authored.get(n.id) ?? (old.get(n.id) ? [old.get(n.id)!.x!, old.get(n.id)!.y!] : undefined);
      // Positions the learner dragged, or that the lab author set, stay where they are.
      if (p && (saved[n.id] || authored.has(n.id))) {
        n.fx = p[0];
        n.fy = p[1];
      }
      if (p) {
        n.x = p[0];
        n.y = p[1];
      }
    }
    byId = new Map(nodes.map((n) => [n.id, n]));
    const links = linkPairs(t).map(([a, b]) => ({ source: a, target: b }));
    const sim = forceSimulation(nodes)
      .force('link', forceLink<Node, { source: string; target: string }>(links).id((d) => d.id).distance((l) => ((l.target as unknown as Node).kind === 'pod' ? 50 : 120)))
      .force('charge', forceManyBody().strength(-520))
      // Room for a label under each shape: names are up to ~14 characters.
      .force('collide', forceCollide<Node>((d) => (d.kind === 'pod' ? 30 : 48)))
      .force('x', forceX(W / 2).strength(0.05))
      .force('y', forceY(H / 2).strength(0.07))
      .stop();
    // Settle the layout up front: a static picture, no jiggling while people read.
    for (let i = 0; i < 300; i++) sim.tick();
    fitIntoView();
  }

  function fitIntoView(): void {
    const free = nodes.filter((n) => n.fx == null);
    if (free.length === 0) return;
    const xs = nodes.map((n) => n.x ?? 0);
    const ys = nodes.map((n) => n.y ?? 0);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // Margins leave room for labels under the shapes and RR badges above them.
    const mx = 55;
    const my = 45;
    const sx = (W - 2 * mx) / Math.max(1, maxX - minX);
    const sy = (H - 2 * my) / Math.max(1, maxY - minY);
    const s = Math.min(4, sx, sy);
    for (const n of free) {
      n.x = mx + ((n.x ?? 0) - minX) * s + (W - 2 * mx - (maxX - minX) * s) / 2;
      n.y = my + ((n.y ?? 0) - minY) * s + (H - 2 * my - (maxY - minY) * s) / 2;
    }
  }

  function linkPairs(t: TopologyView): [string, string][] {
    const pairs: [string, string][] = [];
    for (const s of t.segments) {
      if (s.members.length > 2) for (const m of s.members) pairs.push([`seg:${s.name}`, m.device]);
      else if (s.members.length === 2) pairs.push([s.members[0]!.device, s.members[1]!.device]);
    }
    for (const d of t.devices) if (d.kind === 'pod' && d.node) pairs.push([d.node, d.name]);
    return pairs;
  }

  function drawStructure(t: TopologyView): void {
    const pairs = linkPairs(t);
    gLinks
      .selectAll<SVGLineElement, [string, string]>('line')
      .data(pairs)
      .join('line')
      .attr('class', ([, b]) => (byId.get(b)?.kind === 'pod' ? 'link pod-link' : 'link'))
      .attr('x1', ([a]) => byId.get(a)?.x ?? 0)
      .attr('y1', ([a]) => byId.get(a)?.y ?? 0)
      .attr('x2', ([, b]) => byId.get(b)?.x ?? 0)
      .attr('y2', ([, b]) => byId.get(b)?.y ?? 0);

    const g = gNodes
      .selectAll<SVGGElement, Node>('g.dev')
      .data(nodes, (d) => d.id)
      .join((enter) => {
        const e = enter.append('g');
        e.append('path').attr('class', 'shape');
        e.append('text').attr('class', 'label').attr('text-anchor', 'middle');
        e.append('text').attr('class', 'sub').attr('text-anchor', 'middle');
        e.append('title');
        const rr = e.append('g').attr('class', 'rr-badge');
        rr.append('rect').attr('x', 10).attr('y', -26).attr('width', 22).attr('height', 14).attr('rx', 3);
        rr.append('text').attr('x', 21).attr('y', -15.5).attr('text-anchor', 'middle').text('RR');
        return e;
      });
    g.attr('class', (d) => `dev ${d.kind}${d.running ? '' : ' stopped'}`)
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .attr('data-device', (d) => (d.segment ? null : d.id));
    g.select('path.shape').attr('d', (d) => (d.segment ? 'M-30,-5 h60 v10 h-60 z' : shapeFor(d.kind)));
    g.select('text.label')
      .attr('class', (d) => (d.kind === 'pod' ? 'label pod-label' : 'label'))
      .attr('y', (d) => (d.segment ? 20 : d.kind === 'pod' ? 19 : 30))
      .text((d) => d.label);
    g.select('text.sub')
      .attr('y', (d) => (d.kind === 'pod' ? 32 : 43))
      .text((d) => d.sub);
    g.select('g.rr-badge').attr('display', (d) => (d.rr ? null : 'none'));
    g.select('title').text((d) => `${d.label}${d.sub ? ` (${d.sub})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
    g.each(function (d) {
      const el = this as SVGGElement;
      if (d.segment) {
        el.removeAttribute('tabindex');
        el.setAttribute('aria-hidden', 'true');
        return;
      }
      const canOpen = opts.terminals.has(d.id);
      el.setAttribute('role', canOpen ? 'button' : 'img');
      el.setAttribute('tabindex', canOpen ? '0' : '-1');
      el.setAttribute(
        'aria-label',
        `${d.label}, ${kindLabel[d.kind] ?? d.kind}${d.sub ? `, ${d.sub}` : ''}${d.detail ? `, ${d.detail}` : ''}${d.rr ? ', route reflector' : ''}${d.running ? '' : ', stopped'}${canOpen ? ' — open its terminal' : ''}`,
      );
    });
    g.on('click', (_ev, d) => {
      if (!d.segment && opts.terminals.has(d.id)) opts.onDevice(d.id);
    }).on('keydown', (ev: KeyboardEvent, d) => {
      if ((ev.key === 'Enter' || ev.key === ' ') && opts.terminals.has(d.id)) {
        ev.preventDefault();
        opts.onDevice(d.id);
      }
    });
    const dragBehaviour = drag<SVGGElement, Node>()
      .clickDistance(4)
      .on('drag', (ev, d) => {
        d.fx = d.x = Math.max(20, Math.min(W - 20, ev.x));
        d.fy = d.y = Math.max(20, Math.min(H - 20, ev.y));
        redrawPositions();
      })
      .on('end', () => savePositions(posKey, nodes));
    g.call(dragBehaviour);
  }

  function redrawPositions(): void {
    if (topo) drawStructure(topo);
    drawSessions();
  }

  function currentSessions(): { s: TopologySession; state: string }[] {
    if (!topo) return [];
    if (replayIndex === null) return topo.sessions.map((s) => ({ s, state: s.state }));
    const states = sessionStatesAt(events, replayIndex, addressOwners(topo.devices));
    return topo.sessions.map((s) => ({ s, state: states.get(`${s.a}|${s.b}`) ?? states.get(`${s.b}|${s.a}`) ?? 'Idle' }));
  }

  function drawSessions(): void {
    const list = currentSessions();
    const pathFor = (s: TopologySession, i: number) => {
      const a = byId.get(s.a);
      const b = byId.get(s.b);
      if (!a || !b) return '';
      // Arc so sessions stay visible over physical links; alternate bend per index.
      const mx = ((a.x ?? 0) + (b.x ?? 0)) / 2;
      const my = ((a.y ?? 0) + (b.y ?? 0)) / 2;
      const dx = (b.x ?? 0) - (a.x ?? 0);
      const dy = (b.y ?? 0) - (a.y ?? 0);
      const len = Math.hypot(dx, dy) || 1;
      const bend = (i % 2 ? -1 : 1) * Math.min(40, len * 0.18);
      return `M${a.x},${a.y} Q${mx - (dy / len) * bend},${my + (dx / len) * bend} ${b.x},${b.y}`;
    };
    const g = gSessions
      .selectAll<SVGGElement, { s: TopologySession; state: string }>('g.session')
      .data(list, (d) => `${d.s.a}|${d.s.b}`)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'session');
        e.append('path').attr('class', 'sess');
        e.append('text').attr('class', 'sess-label').attr('text-anchor', 'middle');
        e.append('title');
        return e;
      });
    g.each(function (d, i) {
      const el = select(this);
      const cls = sessionClass(d.state);
      const p = pathFor(d.s, i);
      el.attr('data-state', d.state).attr('data-session', `${d.s.a}-${d.s.b}`);
      el.select('path').attr('d', p).attr('class', `sess ${d.s.internal ? 'ibgp' : 'ebgp'} ${cls}`);
      const path = el.select<SVGPathElement>('path').node();
      const mid = path && p ? path.getPointAtLength(path.getTotalLength() / 2) : { x: 0, y: 0 };
      el.select('text')
        .attr('x', mid.x)
        .attr('y', mid.y - 6)
        .text(`${d.s.internal ? 'iBGP' : 'eBGP'}${cls === 'down' ? ' ✕' : cls === 'connecting' ? ' …' : ''}`);
      el.select('title').text(`${d.s.a} ⇄ ${d.s.b}: ${d.s.internal ? 'iBGP' : 'eBGP'} ${d.state}${d.s.reason ? ` — ${d.s.reason}` : ''}`);
    });
    sessionList.replaceChildren(
      ...list.map(({ s, state }) => {
        const li = document.createElement('li');
        li.textContent = `${s.a} ⇄ ${s.b}: ${s.internal ? 'iBGP' : 'eBGP'}${s.rrClient ? ' (RR client)' : ''}, ${state}${replayIndex === null && s.reason ? ` — ${s.reason}` : ''}`;
        return li;
      }),
    );
    summary.textContent = `BGP sessions (${list.filter((x) => x.state === 'Established').length} of ${list.length} Established)`;
  }

  // --- timeline ------------------------------------------------------------------------------

  function showReplay(index: number | null): void {
    replayIndex = index;
    gNodes.selectAll<SVGGElement, Node>('g.dev').classed('pulse', false);
    if (index === null) {
      slider.value = slider.max;
      eventText.textContent = events.length ? `Live — ${events.length} events so far` : 'Live';
      live.disabled = true;
    } else {
      const e = events[index];
      slider.value = String(index + 1);
      live.disabled = false;
      if (e) {
        eventText.textContent = `t=${e.time.toFixed(1)}s · ${e.text}`;
        gNodes.selectAll<SVGGElement, Node>('g.dev').classed('pulse', (d) => d.id === e.device);
      } else eventText.textContent = 't=0 · start';
    }
    drawSessions();
  }

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    play.textContent = '▶';
    play.setAttribute('aria-label', 'Play the timeline');
  };
  const advance = () => {
    const i = replayIndex === null ? -1 : replayIndex;
    if (i + 1 >= events.length) {
      stop();
      showReplay(null);
      return;
    }
    showReplay(i + 1);
  };
  play.addEventListener('click', () => {
    if (timer) return stop();
    if (replayIndex === null) showReplay(-1);
    play.textContent = '❚❚';
    play.setAttribute('aria-label', 'Pause the timeline');
    timer = setInterval(advance, reducedMotion() ? 1200 : 700);
  });
  stepBtn.addEventListener('click', () => {
    stop();
    if (replayIndex === null) showReplay(-1);
    advance();
  });
  restart.addEventListener('click', () => {
    stop();
    showReplay(-1);
  });
  live.addEventListener('click', () => {
    stop();
    showReplay(null);
  });
  slider.addEventListener('input', () => {
    stop();
    const v = Number(slider.value);
    showReplay(v >= events.length ? null : v - 1);
  });

  // --- packet trace --------------------------------------------------------------------------

  function animateTrace(trace: PacketTrace): void {
    gTrace.selectAll('*').remove();
    const hops = (list: readonly string[]) => list.map((d) => byId.get(d)).filter((n): n is Node => !!n);
    const fwd = hops(trace.forward);
    const back = hops(trace.back);
    const ok = trace.disposition === 'delivered';
    caption.textContent = `Last trace: ${trace.forward.join(' → ')}${back.length ? ` · reply ${trace.back.join(' → ')}` : ''} — ${ok ? 'delivered' : `${trace.disposition}: ${trace.reason}`}`;
    const mark = (n: Node) =>
      gTrace.append('text').attr('class', 'trace-drop').attr('x', n.x!).attr('y', n.y! - 22).attr('text-anchor', 'middle').text('✕');
    const path = (ns: Node[], cls: string) =>
      gTrace.append('polyline').attr('class', `trace-path ${cls}`).attr('points', ns.map((n) => `${n.x},${n.y}`).join(' '));
    if (reducedMotion() || fwd.length === 0) {
      if (fwd.length > 1) path(fwd, 'fwd');
      if (back.length > 1) path(back, 'back');
      if (!ok && fwd.length) mark(fwd[fwd.length - 1]!);
      return;
    }
    const dot = gTrace.append('circle').attr('class', 'trace-dot').attr('r', 7).attr('cx', fwd[0]!.x!).attr('cy', fwd[0]!.y!);
    const seq = [...fwd.map((n) => ({ n, dir: 'fwd' })), ...back.slice(1).map((n) => ({ n, dir: 'back' }))];
    let i = 0;
    const hop = () => {
      i++;
      if (i >= seq.length) {
        if (!ok) mark(fwd[fwd.length - 1]!);
        dot.transition(transition().delay(300).duration(300)).attr('r', 0).remove();
        return;
      }
      const { n, dir } = seq[i]!;
      const prev = seq[i - 1]!.n;
      path([prev, n], dir);
      dot.classed('back', dir === 'back').transition(transition().duration(350)).attr('cx', n.x!).attr('cy', n.y!).on('end', hop);
    };
    hop();
  }

  return {
    update(view) {
      topo = view.topology;
      events = view.events;
      const key = JSON.stringify([topo.devices.map((d) => [d.name, d.kind, d.node]), topo.segments.map((s) => [s.name, s.members.map((m) => m.device)])]);
      if (key !== structureKey) {
        structureKey = key;
        layout(topo);
      } else {
        // Same shape: refresh labels (AS, RR, running) in place.
        for (const d of topo.devices) {
          const n = byId.get(d.name);
          if (n) Object.assign(n, { rr: d.routeReflector, running: d.running, sub: d.asn ? `AS ${d.asn}` : '', detail: d.addresses.join(', ') });
        }
      }
      drawStructure(topo);
      const before = slider.max === '' ? events.length : Number(slider.max);
      slider.max = String(events.length);
      stop();
      showReplay(null);
      // What the last action set off: shown at once, replayable with the timeline controls.
      const fresh = events.length - before;
      if (fresh > 0 && before > 0) {
        const last = events[events.length - 1]!;
        eventText.textContent = `${fresh} new event${fresh > 1 ? 's' : ''} — latest t=${last.time.toFixed(1)}s · ${last.text}`;
      }
      // Animate when a packet-sending command just ran (not on load or after unrelated commands).
      const last = view.journal[view.journal.length - 1];
      const lastKey = `${view.journal.length}`;
      if (view.trace && last?.kind === 'exec' && isTraceCommand(last.line) && lastKey !== lastTraceKey && lastTraceKey !== '') {
        animateTrace(view.trace);
      } else if (view.trace && lastTraceKey === '') {
        caption.textContent = `Last trace: ${view.trace.forward.join(' → ')} — ${view.trace.disposition}`;
      }
      lastTraceKey = lastKey;
    },
  };
}


/** Maps lab-file coordinates (any scale) into the drawing, keeping their proportions. */
function scaleIntoView(points: Map<string, [number, number]>): Map<string, [number, number]> {
  if (points.size === 0) return points;
  const xs = [...points.values()].map((p) => p[0]);
  const ys = [...points.values()].map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const mx = 60;
  const my = 50;
  const s = Math.min((W - 2 * mx) / Math.max(1, maxX - minX), (H - 2 * my) / Math.max(1, maxY - minY), 1.5);
  const ox = (W - s * (maxX - minX)) / 2;
  const oy = (H - s * (maxY - minY)) / 2;
  return new Map([...points].map(([k, [x, y]]) => [k, [ox + s * (x - minX), oy + s * (y - minY)] as [number, number]]));
}
