// React wrapper of the Network panel: owns the <svg>, calls renderNetwork.
import { useEffect, useRef } from 'react';
import type { NetworkSnapshot } from '../../trace/network.ts';
import { netRows, renderNetwork, rowText } from './network.ts';
import { useWidth } from '../SvgPanel.tsx';

export function NetworkPanel(props: { snapshot: NetworkSnapshot; duration?: number; className?: string }) {
  const { snapshot, duration = 0 } = props;
  const [box, width] = useWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (svg.current) renderNetwork(svg.current, snapshot, { width, duration });
  }, [snapshot, width, duration]);
  const rows = netRows(snapshot);
  const latency = snapshot.latency > 0 ? ` · latency ${Math.round(snapshot.latency * 1000)} ms` : '';
  return (
    <section className={`panel p-network ${props.className ?? ''}`} data-testid="network" aria-label="Network">
      <h2 className="panel-title">
        Network
        <span className="panel-count">{snapshot.connections.length}</span>
        {(latency || snapshot.refused > 0) && (
          <span className="state-summary">
            {snapshot.refused > 0 ? `${snapshot.refused} refused` : ''}
            {latency}
          </span>
        )}
      </h2>
      {rows.length === 0 && <p className="hint">No sockets or processes at this step.</p>}
      <div ref={box} className="svg-box" hidden={rows.length === 0}>
        <svg ref={svg} role="list" aria-label={`Network: ${rows.map(rowText).join('; ')}`} />
      </div>
    </section>
  );
}
