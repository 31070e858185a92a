// React wrapper of the Network panel: owns the <svg>, draws layoutNetwork's shapes.
import { useEffect, useMemo, useRef } from 'react';
import type { NetworkSnapshot } from '../../trace/index.ts';
import { drawNetwork, layoutNetwork } from './network.ts';
import { timed } from '../../state/timing.ts';
import { useWidth } from '../SvgPanel.tsx';
import type { Motion } from './common.ts';

export function NetworkPanel(props: { snapshot: NetworkSnapshot; motion: Motion; className?: string }) {
  const { snapshot, motion } = props;
  const [box, width] = useWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  const shapes = useMemo(() => layoutNetwork(snapshot, width), [snapshot, width]);
  useEffect(() => {
    if (svg.current) timed('loopscope:draw', () => drawNetwork(svg.current!, shapes, motion));
  }, [shapes, motion]);
  return (
    <section className={`panel p-network ${props.className ?? ''}`} data-testid="network" aria-label="Network">
      <h2 className="panel-title">
        Network
        <span className="panel-count">{shapes.connections}</span>
        {shapes.summary && <span className="state-summary">{shapes.summary}</span>}
      </h2>
      {shapes.rows.length === 0 && <p className="hint">No sockets or processes at this step.</p>}
      <div ref={box} className="svg-box" hidden={shapes.rows.length === 0}>
        <svg ref={svg} role="list" aria-label={shapes.label} />
      </div>
    </section>
  );
}
