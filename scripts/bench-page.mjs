// What the page benches share (bench-ui.mjs, bench-player.mjs): the production build served by
// `vite preview`, and the median.
import { spawn } from 'node:child_process';

/** Serve dist/ on PORT, wait until BASE answers, and stop the server when the process exits. */
export async function startPreview(port, base) {
  const server = spawn('node_modules/.bin/vite', ['preview', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return stop;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
