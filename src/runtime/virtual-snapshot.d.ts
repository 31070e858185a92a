// The build's memory snapshot manifest, provided by the loopscope-pyodide-snapshot
// plugin in vite.config.ts (null when the build has none).
declare module 'virtual:loopscope-snapshot' {
  import type { SnapshotManifest } from './snapshot.ts';
  const manifest: SnapshotManifest | null;
  export default manifest;
}
