// <loopscope-player>: replays a recorded run with no Python. The code
// (read-only, highlighted, with the step's marks), the controls, the
// narration, the console and the panels named by its attributes, all in its
// own shadow root. It reads the recording with recording.ts, replays it with
// the TracePlayer, and draws with the panels' own layoutX + drawX, exactly as
// the playground does. Python (for Run) and the playground (for Edit) load
// only when a reader asks for them.
//
// Its API is src/embed/api.ts: the commands as methods (load, run, goto,
// play, pause, setSpeed), the events as DOM CustomEvents whose `detail` is the
// event object. Documented in docs/embedding.md. Nothing here throws into the
// host page: every entry point catches, and reports with an `error` event.

import { parseCommand, parsePanels, snapSpeed, onceLogger, EMBED_API_VERSION, type Command, type EmbedEvent, type PanelName } from '../embed/api.ts';
import { parseHeader, readRecording } from '../trace/recording.ts';
import { TracePlayer } from '../trace/seek.ts';
import { narrate } from '../trace/narrate.ts';
import { codeMarks, panelData, type PanelData } from '../trace/panel-data.ts';
import { stepDetail } from '../trace/step-detail.ts';
import type { Trace } from '../trace/schema.ts';
import { drawReadyQueue, layoutReadyQueue } from '../ui/panels/readyQueue.ts';
import { drawTimers, layoutTimers } from '../ui/panels/timers.ts';
import { drawTasks, layoutTasks } from '../ui/panels/tasks.ts';
import { drawFutures, layoutFutures } from '../ui/panels/futures.ts';
import { drawNetwork, layoutNetwork } from '../ui/panels/network.ts';
import type { Motion } from '../ui/panels/common.ts';
import { taskColour } from '../ui/colours.ts';
import { iconSvg } from '../ui/icon-paths.ts';
import { STEPS_PER_SECOND, prefersReducedMotion, transitionMs } from '../ui/motion-time.ts';
import { highlightLines } from './code.ts';
import { adoptStyles } from './styles.ts';

/** Where the app's files are (the playground, the worker, Pyodide): set by the entry (index.ts). */
let home = '/';
export function setHome(url: string): void {
  home = url;
}

const SVG_PANELS = ['ready', 'timers', 'tasks', 'futures', 'network'] as const;
type SvgPanel = (typeof SVG_PANELS)[number];
const TITLES: Record<SvgPanel, string> = { ready: 'Ready queue', timers: 'Timers', tasks: 'Tasks', futures: 'Futures', network: 'Network' };
/** Height of the tasks' and futures' lists before they scroll (CSS pixels). */
const LIST_MAX_H = 260;
const TESTIDS: Record<SvgPanel, string> = { ready: 'ready-queue', timers: 'timers', tasks: 'tasks', futures: 'futures', network: 'network' };


const log = onceLogger();

const TEMPLATE = `
<div class="loopscope-root" data-theme="light" part="root" tabindex="0" role="group" aria-roledescription="asyncio run player">
  <div class="head" part="head">
    <p class="title"></p>
    <button class="primary" data-testid="run" hidden>Run</button>
    <button data-testid="edit" hidden>Edit</button>
  </div>
  <div class="main">
    <pre class="code" data-testid="code" role="region" aria-label="Python code" tabindex="0"></pre>
    <div class="panels"></div>
  </div>
  <div class="controls" role="toolbar" aria-label="Playback">
    <button class="icon full-only" data-act="start" aria-label="Jump to start" title="Jump to start (Home)">${iconSvg('start')}</button>
    <button class="icon full-only" data-act="prevIter" aria-label="Back one loop iteration" title="Back one loop iteration (Shift+←)">${iconSvg('prevIter')}</button>
    <button class="icon" data-act="back" data-testid="step-back" aria-label="Step back" title="Step back (←)">${iconSvg('back')}</button>
    <button class="icon" data-act="play" data-testid="play" aria-label="Play" title="Play / pause (Space)">${iconSvg('play')}</button>
    <button class="icon" data-act="forward" data-testid="step-forward" aria-label="Step forward" title="Step forward (→)">${iconSvg('forward')}</button>
    <button class="icon full-only" data-act="nextIter" aria-label="Forward one loop iteration" title="Forward one loop iteration (Shift+→)">${iconSvg('nextIter')}</button>
    <button class="icon full-only" data-act="end" aria-label="Jump to end" title="Jump to end (End)">${iconSvg('end')}</button>
    <select class="full-only" data-testid="speed" aria-label="Playback speed"></select>
    <input class="scrubber full-only" type="range" min="0" max="0" step="1" value="0" aria-label="Step" data-testid="scrubber" />
    <output class="counter" data-testid="step-counter" aria-label="Step">0 / 0</output>
    <output class="clock full-only" data-testid="clock" aria-label="Virtual clock">t = 0.000 s</output>
  </div>
  <p class="narration" data-testid="narration" aria-live="polite"></p>
  <div class="console" data-testid="console" role="log" aria-label="Console" tabindex="0"></div>
  <p class="message" data-testid="player-message" role="alert" hidden></p>
</div>`;

interface PanelBox {
  section: HTMLElement;
  count: HTMLElement;
  box: HTMLElement;
  hint: HTMLElement;
  svg: SVGSVGElement;
  width: number;
}

/** Dedent the text of an inline `<script type="text/x-python">` (authors indent it with the page). */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

export class LoopscopePlayer extends HTMLElement {
  static readonly observedAttributes = ['src', 'step', 'autoplay', 'speed', 'panels', 'theme', 'height', 'controls', 'editable'];

  private readonly root: ShadowRoot;
  private readonly ui: HTMLElement;
  private readonly q: <T extends Element>(sel: string) => T;
  private player: TracePlayer | null = null;
  private code = '';
  private codeLines: HTMLElement[] = [];
  private consoleLines: HTMLElement[] = [];
  private k = 0;
  private playing = false;
  private speed = 1;
  private raf = 0;
  private loadSeq = 0;
  private boxes = new Map<SvgPanel, PanelBox>();
  private shown: PanelName[] = [];
  private runnable = false;
  private busy = false;
  private dark: MediaQueryList | null = null;
  private resizeObs: ResizeObserver | null = null;
  private lastHeight = -1;
  /** The step last announced with a `step` event (redraws of the same step are not announced). */
  private emitted: { player: TracePlayer | null; k: number } = { player: null, k: -1 };
  private connected = false;
  private defaults: { step?: number; panels?: PanelName[]; speed?: number } = {};
  private marked: { current: number[]; dots: number[]; errors: number[] } = { current: [], dots: [], errors: [] };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = TEMPLATE;
    adoptStyles(this.root);
    this.ui = this.root.querySelector('.loopscope-root') as HTMLElement;
    this.q = <T extends Element>(sel: string) => this.root.querySelector(sel) as T;
    const speedSel = this.q<HTMLSelectElement>('[data-testid=speed]');
    for (const s of [0.25, 0.5, 1, 2, 4, 8]) speedSel.add(new Option(`${s}x`, String(s), s === 1, s === 1));
    this.wire();
  }

  // ---- the element's life ---------------------------------------------------------

  connectedCallback(): void {
    this.guard(() => {
      this.connected = true;
      this.applyTheme();
      this.applyHeight();
      this.applyControls();
      this.resizeObs ??= new ResizeObserver(() => this.guard(() => this.onResize()));
      this.resizeObs.observe(this.ui);
      for (const b of this.boxes.values()) this.resizeObs.observe(b.box);
      if (!this.player && !this.code) {
        const inline = this.querySelector('script[type="text/x-python"]');
        if (this.getAttribute('src')) this.loadSrc(this.getAttribute('src')!);
        else if (inline) this.showCode(dedent(inline.textContent ?? ''), true);
        else this.message('This player has no recording: give it a src="…" attribute or a <script type="text/x-python"> child.');
      }
    });
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.stopPlaying();
    this.resizeObs?.disconnect();
    this.resizeObs = null;
    this.dark?.removeEventListener('change', this.onScheme);
    this.dark = null;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    this.guard(() => {
      switch (name) {
        case 'src':
          if (this.connected && value) this.loadSrc(value);
          return;
        case 'step':
          if (this.player && value !== null) this.goto(Number(value));
          return;
        case 'autoplay':
          if (value !== null && this.player) this.play();
          return;
        case 'speed':
          if (value !== null) this.setSpeed(Number(value));
          return;
        case 'panels':
          this.applyPanels();
          return;
        case 'theme':
          if (this.connected) this.applyTheme();
          return;
        case 'height':
          this.applyHeight();
          return;
        case 'controls':
          this.applyControls();
          return;
        case 'editable':
          this.applyButtons();
          return;
      }
    });
  }

  // ---- the message API (src/embed/api.ts) as methods -------------------------------

  /** Show a recording (its JSON text or parsed object), or a program to record on Run. */
  load(what: { code: string } | { recording: string | object }): void {
    this.command({ type: 'load', ...what } as Command);
  }
  /** Record the player's code live (loads Python on the first Run of the page). */
  run(): Promise<void> {
    return this.command({ type: 'run' }) ?? Promise.resolve();
  }
  goto(step: number): void {
    this.command({ type: 'goto', step: Number.isFinite(step) ? Math.max(0, Math.round(step)) : step });
  }
  play(): void {
    this.command({ type: 'play' });
  }
  pause(): void {
    this.command({ type: 'pause' });
  }
  setSpeed(speed: number): void {
    this.command({ type: 'setSpeed', speed });
  }

  /** The recording as a property: like `src`, with the file's text or its parsed JSON. */
  set recording(value: string | object | null) {
    if (value != null) this.load({ recording: value });
  }
  get recording(): object | null {
    return this.player ? { steps: this.player.steps } : null;
  }
  /** The step shown. */
  get currentStep(): number {
    return this.k;
  }
  /** Number of steps of the run shown (0 before one). */
  get steps(): number {
    return this.player?.steps ?? 0;
  }

  private command(raw: unknown): Promise<void> | undefined {
    try {
      const parsed = parseCommand(raw);
      if (!parsed.ok) {
        if (parsed.ours) {
          log(parsed.reason);
          this.emit({ type: 'error', message: parsed.reason });
        }
        return undefined;
      }
      const c = parsed.command;
      switch (c.type) {
        case 'load':
          this.loadSeq++;
          if ('code' in c) this.showCode(c.code, true);
          else this.useRecording(c.recording, this.loadSeq);
          return undefined;
        case 'run':
          return this.record();
        case 'goto':
          this.stopPlaying();
          this.show(c.step);
          return undefined;
        case 'play':
          this.startPlaying();
          return undefined;
        case 'pause':
          this.stopPlaying();
          return undefined;
        case 'setSpeed':
          this.speed = snapSpeed(c.speed);
          this.q<HTMLSelectElement>('[data-testid=speed]').value = String(this.speed);
          if (this.playing) this.startPlaying();
          return undefined;
      }
    } catch (e) {
      this.fail(e);
    }
    return undefined;
  }

  // ---- loading ----------------------------------------------------------------------

  private loadSrc(src: string): void {
    const seq = ++this.loadSeq;
    this.narrate('Loading the recording…');
    let url: URL;
    try {
      url = new URL(src, document.baseURI);
    } catch {
      this.message(`This recording's address (${src}) is not a URL.`);
      return;
    }
    fetch(url)
      .then(async (r) => {
        if (!r.ok) throw new Error(`the server answered ${r.status} ${r.statusText}`.trim());
        return r.arrayBuffer();
      })
      .then(
        (buf) => seq === this.loadSeq && this.useRecording(new Uint8Array(buf), seq),
        (e: unknown) => seq === this.loadSeq && this.message(`The recording ${url.pathname.split('/').pop()} could not be loaded: ${e instanceof Error ? e.message : String(e)}.`),
      )
      .catch((e: unknown) => this.fail(e));
  }

  private useRecording(input: string | object | Uint8Array, seq: number): void {
    if (seq !== this.loadSeq) return;
    const r = readRecording(input);
    if (!r.ok) {
      this.message(r.error);
      return;
    }
    for (const note of r.notes) log(note);
    const { trace, options, title } = r.recording;
    this.defaults = options;
    if (title) this.q<HTMLElement>('.title').textContent = title;
    this.runnable = false;
    this.setTrace(trace, this.startStep(trace.steps.length));
    if (this.hasAttribute('autoplay')) this.startPlaying();
  }

  private startStep(n: number): number {
    const attr = this.getAttribute('step');
    const s = attr !== null && attr.trim() !== '' && Number.isFinite(Number(attr)) ? Number(attr) : (this.defaults.step ?? 0);
    return Math.max(0, Math.min(n, Math.floor(s)));
  }

  /** Show `code` with no run yet (inline code, load {code}); Run records it. */
  private showCode(code: string, runnable: boolean): void {
    this.stopPlaying();
    this.player = null;
    this.runnable = runnable;
    this.renderCode(code);
    this.applyPanels();
    this.show(0);
    this.narrate(runnable ? 'Press Run to record this program, then step through what the loop did.' : '');
    this.emit({ type: 'ready', version: EMBED_API_VERSION });
  }

  private setTrace(trace: Trace, k: number): void {
    this.stopPlaying();
    this.message(null);
    this.player = new TracePlayer(trace);
    this.renderCode(trace.meta.source);
    this.renderConsole();
    const spd = this.getAttribute('speed');
    this.speed = snapSpeed(spd !== null && Number(spd) > 0 ? Number(spd) : (this.defaults.speed ?? 1));
    this.q<HTMLSelectElement>('[data-testid=speed]').value = String(this.speed);
    this.applyPanels(false);
    this.show(k);
    this.emit({ type: 'ready', version: EMBED_API_VERSION });
    this.emit({ type: 'recorded', steps: this.player.steps, exitStatus: this.player.index.logs.exit?.code ?? trace.meta.exitCode });
  }

  private async record(): Promise<void> {
    if (!this.code || this.busy) return;
    this.busy = true;
    this.stopPlaying();
    this.applyButtons();
    try {
      const live = await import('./live.ts');
      const outcome = await live.record(this.code, home, (label) => this.narrate(label));
      if (!outcome.trace.steps.length && outcome.syntaxError) {
        this.message(`The program could not run: ${outcome.syntaxError.message} (line ${outcome.syntaxError.line}).`);
      }
      this.setTrace(outcome.trace, 0);
      this.runnable = true;
      this.narrate('Recorded. Step through it, or press Play.');
    } catch (e) {
      this.message(`The program could not be recorded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.busy = false;
      this.applyButtons();
    }
  }

  private async edit(): Promise<void> {
    const { makeHash } = await import('../state/share.ts');
    const url = new URL('index.html' + makeHash(this.code, this.player ? this.k : null), home).href;
    if ((this.getAttribute('editable') ?? '').trim() === 'inline') {
      // In place: the playground (Monaco and Python load now) replaces the replay.
      this.stopPlaying();
      const frame = document.createElement('iframe');
      frame.className = 'editor';
      frame.title = 'Loopscope playground';
      frame.src = url.replace('#', '#embed=1&');
      this.q<HTMLElement>('.main').replaceChildren(frame);
      for (const sel of ['.controls', '.narration', '.console']) this.q<HTMLElement>(sel).hidden = true;
      this.q<HTMLElement>('[data-testid=edit]').hidden = true;
      this.q<HTMLElement>('[data-testid=run]').hidden = true;
    } else {
      window.open(url, '_blank', 'noopener');
    }
  }

  // ---- showing a step ----------------------------------------------------------------

  private show(k: number): void {
    const p = this.player;
    const n = p?.steps ?? 0;
    this.k = Math.max(0, Math.min(n, Math.floor(Number.isFinite(k) ? k : 0)));
    const k2 = this.k;
    const time = p ? p.snapshot(k2).time : 0;
    this.q<HTMLElement>('[data-testid=step-counter]').textContent = `${k2} / ${n}`;
    this.q<HTMLElement>('[data-testid=clock]').textContent = `t = ${time.toFixed(3)} s`;
    const scrub = this.q<HTMLInputElement>('[data-testid=scrubber]');
    scrub.max = String(n);
    scrub.value = String(k2);
    scrub.setAttribute('aria-valuetext', `step ${k2} of ${n}`);
    this.applyButtons();
    if (!p) {
      this.markCode([], [], []);
      for (const b of this.boxes.values()) b.svg.replaceChildren();
      return;
    }
    const detail = stepDetail(p.trace, k2, p.index);
    const marks = codeMarks(p, k2, detail);
    this.markCode(
      marks.current,
      marks.waiting.map((w) => [w.line, w.slot, w.name + ' ' + w.what] as const),
      marks.errors.map((e) => e.line),
    );
    // Motion only for a move between steps of one run: a run's first frame and a redraw (a new width) do not animate.
    this.drawPanels(panelData(p, k2, detail), this.emitted.player !== p || this.emitted.k === k2);
    if (this.shown.includes('narration')) this.narrate(narrate(p.trace, k2, p.index));
    const upto = p.linesVisibleAt(k2);
    this.consoleLines.forEach((el, i) => (el.hidden = i >= upto));
    this.q<HTMLElement>('.console').classList.toggle('quiet', upto === 0);
    if (this.emitted.player !== p || this.emitted.k !== k2) {
      this.emitted = { player: p, k: k2 };
      this.emit({ type: 'step', k: k2, n, time });
    }
  }

  private drawPanels(d: PanelData, still: boolean): void {
    const m: Motion = { duration: still ? 0 : transitionMs(this.speed, this.playing) };
    for (const [name, b] of this.boxes) {
      // Width comes from the ResizeObserver, which also draws a box the first time it is laid out (before that frame's paint).
      if (b.section.hidden || !b.width) continue;
      const w = b.width;
      /** The count in the title; with `items` false, the hint ("No tasks at this step.") stands in for the drawing. */
      const head = (count: number, items = true) => {
        b.count.textContent = String(count);
        b.hint.hidden = items;
        b.box.hidden = !items;
      };
      /** A list taller than its box scrolls inside it, and then takes focus so keys can scroll it. */
      const scrolls = (height: number) => {
        const tab = height > LIST_MAX_H ? 0 : -1;
        if (b.box.tabIndex !== tab) b.box.tabIndex = tab;
      };
      switch (name) {
        case 'ready':
          head(d.counts.ready);
          drawReadyQueue(b.svg, layoutReadyQueue(d.ready, w), m);
          break;
        case 'timers':
          head(d.counts.timers);
          drawTimers(b.svg, layoutTimers(d.timers, w), m);
          break;
        case 'tasks': {
          head(d.counts.tasks, d.counts.tasks > 0);
          const s = layoutTasks(d.tasks, w);
          scrolls(s.height);
          drawTasks(b.svg, s, m);
          break;
        }
        case 'futures': {
          head(d.counts.futures, d.counts.futures > 0);
          const s = layoutFutures(d.futures, w);
          scrolls(s.height);
          drawFutures(b.svg, s, m);
          break;
        }
        case 'network': {
          if (!d.network) break;
          const s = layoutNetwork(d.network, w);
          head(s.connections, s.rows.length > 0);
          drawNetwork(b.svg, s, m);
          break;
        }
      }
    }
  }

  /** The code, highlighted, one element per line; a header of `# title:` lines (recording.ts) is not shown, and the lines keep their numbers. */
  private renderCode(code: string): void {
    this.code = code;
    const pre = this.q<HTMLElement>('.code');
    const html = highlightLines(code.replace(/\n$/, ''));
    const skip = Math.min(parseHeader(code).lines, html.length - 1);
    pre.innerHTML = html
      .map((l, i) => (i < skip ? '' : `<div class="ln" data-line="${i + 1}"><span class="gutter" aria-hidden="true">${i + 1}</span><span class="src">${l || ' '}</span></div>`))
      .join('');
    this.codeLines = html.map((_, i) => (i < skip ? null : pre.children[i - skip])) as HTMLElement[];
    this.marked = { current: [], dots: [], errors: [] };
  }

  private markCode(current: readonly number[], waiting: readonly (readonly [number, number, string])[], errors: readonly number[]): void {
    const line = (n: number) => this.codeLines[n - 1];
    for (const n of this.marked.current) line(n)?.classList.remove('current');
    for (const n of this.marked.errors) line(n)?.classList.remove('error');
    for (const n of this.marked.dots) {
      const g = line(n)?.firstElementChild;
      if (g) g.textContent = String(n);
    }
    for (const n of current) line(n)?.classList.add('current');
    for (const n of errors) line(n)?.classList.add('error');
    const byLine = new Map<number, (readonly [number, number, string])[]>();
    for (const w of waiting) byLine.set(w[0], [...(byLine.get(w[0]) ?? []), w]);
    for (const [n, ws] of byLine) {
      const g = line(n)?.firstElementChild as HTMLElement | undefined;
      if (!g) continue;
      g.replaceChildren(
        ...ws.slice(0, 3).map(([, slot, title]) => {
          const dot = document.createElement('span');
          dot.className = 'dot';
          dot.style.background = taskColour(slot);
          dot.title = title;
          return dot;
        }),
        document.createTextNode(String(n)),
      );
    }
    this.marked = { current: [...current], dots: [...byLine.keys()], errors: [...errors] };
  }

  private renderConsole(): void {
    const box = this.q<HTMLElement>('.console');
    const p = this.player;
    if (!p) return box.replaceChildren();
    const lines = p.lines.slice(0, 2000);
    this.consoleLines = lines.map((l) => {
      const el = document.createElement('div');
      el.className = `fd${l.fd}`;
      el.textContent = l.text || ' ';
      el.hidden = true;
      return el;
    });
    const more = p.lines.length > lines.length ? [Object.assign(document.createElement('div'), { className: 'note', textContent: `… ${p.lines.length - lines.length} more lines not shown` })] : [];
    box.replaceChildren(...this.consoleLines, ...more);
  }

  private narrate(text: string): void {
    this.q<HTMLElement>('.narration').textContent = text;
  }

  /** Say plainly what went wrong, in the player (null: clear it). */
  private message(text: string | null): void {
    const el = this.q<HTMLElement>('[data-testid=player-message]');
    el.hidden = text === null;
    el.textContent = text ?? '';
    if (text !== null) {
      this.narrate('');
      this.emit({ type: 'error', message: text });
    }
  }

  // ---- playback ----------------------------------------------------------------------

  private startPlaying(): void {
    const p = this.player;
    if (!p) return;
    cancelAnimationFrame(this.raf);
    if (this.k >= p.steps) this.show(0);
    this.playing = true;
    let last = performance.now();
    let acc = 0;
    const tick = (now: number) => {
      if (!this.playing || this.player !== p) return;
      acc += ((now - last) / 1000) * STEPS_PER_SECOND * this.speed;
      last = now;
      if (acc >= 1) {
        const steps = Math.floor(acc);
        acc -= steps;
        const next = Math.min(p.steps, this.k + steps);
        if (next >= p.steps) this.playing = false;
        this.guard(() => this.show(next));
        if (!this.playing) return this.applyButtons();
      }
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
    this.applyButtons();
  }

  private stopPlaying(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.applyButtons();
  }

  private act(what: string): void {
    const p = this.player;
    if (!p) return;
    switch (what) {
      case 'start':
        return this.goto(0);
      case 'end':
        return this.goto(p.steps);
      case 'back':
        return this.goto(this.k - 1);
      case 'forward':
        return this.goto(this.k + 1);
      case 'prevIter':
        return this.goto(p.prevIterationEnd(this.k));
      case 'nextIter':
        return this.goto(p.nextIterationEnd(this.k));
      case 'play':
        return this.playing ? this.pause() : this.play();
    }
  }

  // ---- wiring ------------------------------------------------------------------------

  private wire(): void {
    this.q<HTMLElement>('.controls').addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button[data-act]');
      if (b) this.guard(() => this.act(b.getAttribute('data-act')!));
    });
    this.q<HTMLSelectElement>('[data-testid=speed]').addEventListener('change', (e) => this.setSpeed(Number((e.target as HTMLSelectElement).value)));
    this.q<HTMLInputElement>('[data-testid=scrubber]').addEventListener('input', (e) => this.goto(Number((e.target as HTMLInputElement).value)));
    this.q<HTMLElement>('[data-testid=run]').addEventListener('click', () => void this.run());
    this.q<HTMLElement>('[data-testid=edit]').addEventListener('click', () => this.edit().catch((e: unknown) => this.fail(e)));
    this.ui.addEventListener('keydown', (e) => this.guard(() => this.onKey(e)));
    for (const name of SVG_PANELS) {
      const section = document.createElement('section');
      section.className = `panel p-${name}`;
      section.dataset.testid = TESTIDS[name];
      section.setAttribute('aria-label', TITLES[name]);
      section.innerHTML = `<h3 class="panel-title">${TITLES[name]} <span class="panel-count"></span></h3><p class="hint" hidden>No ${name === 'network' ? 'sockets or processes' : name} at this step.</p><div class="svg-box${name === 'tasks' || name === 'futures' ? ' scroll' : ''}"><svg role="${name === 'network' ? 'list' : 'img'}" aria-label="${TITLES[name]}"></svg></div>`;
      const box = section.querySelector('.svg-box') as HTMLElement;
      if (box.classList.contains('scroll')) {
        box.style.maxHeight = `${LIST_MAX_H}px`;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', `${TITLES[name]} (scrolls)`);
      }
      this.boxes.set(name, {
        section,
        count: section.querySelector('.panel-count') as HTMLElement,
        hint: section.querySelector('.hint') as HTMLElement,
        box,
        svg: section.querySelector('svg') as SVGSVGElement,
        width: 0,
      });
      this.q<HTMLElement>('.panels').append(section);
    }
  }

  /** The playground's shortcuts, while focus is in the player. */
  private onKey(e: KeyboardEvent): void {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      if (this.runnable) {
        e.preventDefault();
        void this.run();
      }
      return;
    }
    const t = e.composedPath()[0];
    const tag = t instanceof HTMLElement ? t.tagName : '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey || !this.player) return;
    const keys: Record<string, string> = { ArrowRight: e.shiftKey ? 'nextIter' : 'forward', ArrowLeft: e.shiftKey ? 'prevIter' : 'back', Home: 'start', End: 'end' };
    if (keys[e.key]) {
      e.preventDefault();
      this.act(keys[e.key]);
    } else if (e.key === ' ' && tag !== 'BUTTON') {
      e.preventDefault();
      this.act('play');
    } else if (e.key === 'Escape' && this.playing) {
      this.pause();
    }
  }

  private onResize(): void {
    let redraw = false;
    for (const b of this.boxes.values()) {
      const w = b.box.clientWidth;
      if (w && w !== b.width) {
        b.width = w;
        redraw = true;
      }
    }
    if (redraw && this.player) this.show(this.k);
    const h = Math.ceil(this.ui.getBoundingClientRect().height);
    if (h !== this.lastHeight) {
      this.lastHeight = h;
      this.emit({ type: 'resize', height: h });
    }
  }

  private readonly onScheme = () => this.guard(() => this.applyTheme());

  private applyTheme(): void {
    const want = (this.getAttribute('theme') ?? 'auto').trim();
    if (want === 'light' || want === 'dark') {
      this.ui.dataset.theme = want;
      return;
    }
    if (!this.dark && typeof matchMedia !== 'undefined') {
      this.dark = matchMedia('(prefers-color-scheme: dark)');
      this.dark.addEventListener('change', this.onScheme);
    }
    this.ui.dataset.theme = this.dark?.matches ? 'dark' : 'light';
  }

  private applyHeight(): void {
    const h = (this.getAttribute('height') ?? 'auto').trim();
    const px = Number(h.replace(/px$/, ''));
    const fixed = h !== 'auto' && h !== '' && Number.isFinite(px) && px > 0;
    this.ui.classList.toggle('fixed', fixed);
    this.ui.style.height = fixed ? `${px}px` : '';
  }

  private applyControls(): void {
    const c = (this.getAttribute('controls') ?? 'full').trim();
    const bar = this.q<HTMLElement>('.controls');
    bar.hidden = c === 'none';
    bar.classList.toggle('minimal', c === 'minimal');
  }

  /** Show the panels asked for; `redraw`: draw the current step again (not when the caller shows a step next). */
  private applyPanels(redraw = true): void {
    const attr = this.getAttribute('panels');
    let panels: PanelName[];
    if (attr !== null) {
      const parsed = parsePanels(attr);
      if (parsed.unknown.length) log(`unknown panel name(s) ${parsed.unknown.join(', ')}; known: ready, timers, tasks, futures, network, console, narration`);
      panels = parsed.panels;
    } else {
      panels = this.defaults.panels ?? ['ready', 'timers', 'tasks', 'futures', 'network', 'console', 'narration'];
    }
    // The network panel shows only for a run that used the network.
    this.shown = panels.filter((p) => p !== 'network' || (this.player?.hasNetwork ?? false));
    for (const [name, b] of this.boxes) b.section.hidden = !this.shown.includes(name);
    const anySvg = SVG_PANELS.some((p) => this.shown.includes(p));
    this.q<HTMLElement>('.panels').hidden = !anySvg;
    this.q<HTMLElement>('.main').classList.toggle('has-panels', anySvg);
    this.q<HTMLElement>('.console').hidden = !this.shown.includes('console');
    this.q<HTMLElement>('.narration').hidden = !this.shown.includes('narration') && !(this.runnable && !this.player);
    if (redraw && this.player) this.show(this.k);
  }

  private applyButtons(): void {
    const p = this.player;
    const n = p?.steps ?? 0;
    const set = (act: string, disabled: boolean) => ((this.q<HTMLButtonElement>(`[data-act=${act}]`).disabled = disabled));
    for (const a of ['start', 'prevIter', 'back']) set(a, !p || this.k === 0);
    for (const a of ['forward', 'nextIter', 'end']) set(a, !p || this.k >= n);
    set('play', !p || n === 0);
    const play = this.q<HTMLButtonElement>('[data-act=play]');
    play.innerHTML = iconSvg(this.playing ? 'pause' : 'play');
    play.setAttribute('aria-label', this.playing ? 'Pause' : 'Play');
    this.q<HTMLSelectElement>('[data-testid=speed]').disabled = !p;
    this.q<HTMLInputElement>('[data-testid=scrubber]').disabled = !p;
    const run = this.q<HTMLButtonElement>('[data-testid=run]');
    run.hidden = !this.runnable;
    run.disabled = this.busy;
    run.textContent = this.busy ? 'Running…' : this.player ? 'Run again' : 'Run';
    this.q<HTMLButtonElement>('[data-testid=edit]').hidden = !this.hasAttribute('editable') || !this.code;
  }

  /** An event of api.ts as a DOM event: its name is the type, its detail the event (a host listener that throws is reported by the browser, not to us). */
  private emit(ev: EmbedEvent): void {
    this.dispatchEvent(new CustomEvent(ev.type, { detail: ev }));
  }

  private fail(e: unknown): void {
    const text = `Loopscope player: ${e instanceof Error ? e.message : String(e)}`;
    log(text);
    try {
      this.message(text);
    } catch {
      /* nothing more to do */
    }
  }

  /** Run f; anything it throws is shown in the player, never thrown into the page. */
  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Whether the reader asked for less motion (the panels then jump; playback still steps). */
  get reducedMotion(): boolean {
    return prefersReducedMotion();
  }
}
