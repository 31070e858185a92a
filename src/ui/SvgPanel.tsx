// React owns the <svg>; a panel's drawing function draws its layout into it,
// again whenever `deps` (the data and the motion) or the width change.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { timed } from '../state/timing.ts';

export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [w, setW] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth || 600);
    const ro = new ResizeObserver(() => setW(el.clientWidth || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

export function Panel(props: { title: string; count?: ReactNode; testid: string; children: ReactNode; className?: string; extra?: ReactNode }) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testid} aria-label={props.title}>
      <h2 className="panel-title">
        {props.title}
        {props.count !== undefined && <span className="panel-count">{props.count}</span>}
        {props.extra}
      </h2>
      {props.children}
    </section>
  );
}

/** An svg drawn by `draw(svg, width)` whenever `deps` change. */
export function SvgBox(props: { draw: (svg: SVGSVGElement, width: number) => void; deps: unknown[]; label: string }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (svg.current) timed('loopscope:draw', () => props.draw(svg.current!, width));
  }, [...props.deps, width]);
  return (
    <div ref={box} className="svg-box">
      <svg ref={svg} role="img" aria-label={props.label} />
    </div>
  );
}

/** A scrolling, virtualised svg list: only rows in view (plus a margin) are drawn. */
export function VirtualSvgList(props: {
  count: number;
  rowH: number;
  maxHeight: number;
  draw: (svg: SVGSVGElement, width: number, first: number, last: number) => void;
  deps: unknown[];
  label: string;
}) {
  const [box, width] = useWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  const [scroll, setScroll] = useState(0);
  const visible = Math.ceil(props.maxHeight / props.rowH) + 1;
  const first = Math.max(0, Math.floor(scroll / props.rowH) - 4);
  const last = Math.min(props.count, first + visible + 8);
  useEffect(() => {
    if (svg.current) timed('loopscope:draw', () => props.draw(svg.current!, width - 2, first, last));
  }, [...props.deps, width, first, last]);
  return (
    <div
      ref={box}
      className="svg-box scroll"
      style={{ maxHeight: props.maxHeight }}
      onScroll={(e) => setScroll((e.target as HTMLDivElement).scrollTop)}
      tabIndex={props.count * props.rowH > props.maxHeight ? 0 : -1}
      role="region"
      aria-label={props.label}
    >
      <svg ref={svg} role="img" aria-label={props.label} />
    </div>
  );
}
