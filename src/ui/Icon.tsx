// Transport icons as inline SVG (the shapes: icon-paths.ts).
import { ICON_PATHS as PATHS, STROKED } from './icon-paths.ts';

export function Icon({ name }: { name: keyof typeof PATHS | string }) {
  const stroked = STROKED.has(name);
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={stroked ? 'none' : 'currentColor'}
        stroke={stroked ? 'currentColor' : 'none'}
        strokeWidth={stroked ? 1.6 : 0}
        strokeLinecap="round"
      />
    </svg>
  );
}
