const probe = {};
try { indexedDB.open('x'); probe.indexedDB = 'opened'; } catch (e) { probe.indexedDB = e.name; }
try { await caches.keys(); probe.caches = 'ok'; } catch (e) { probe.caches = e.name; }
try { localStorage.length; probe.localStorage = 'ok'; } catch (e) { probe.localStorage = e.name; }
probe.origin = self.origin;
parent.postMessage({ probe }, '*');
addEventListener('message', (e) => {
  if (!e.data.port) return;
  const script = new URL('/assets/' + '__WORKER__'.split('/assets/')[1], 'http://' + location.host).href;
  const src = `import ${JSON.stringify(script)};`;
  // A blob: module worker fails to start in an opaque-origin frame (Chromium 156); a data: one starts.
  const worker = new Worker('data:text/javascript,' + encodeURIComponent(src), { type: 'module' });
  worker.onerror = (ev) => parent.postMessage({ probe: { workerError: ev.message || 'error' } }, '*');
  worker.onmessage = (ev) => parent.postMessage({ probe: { workerSaid: JSON.stringify(ev.data).slice(0, 200) } }, '*');
  worker.postMessage({ type: 'connect', port: e.data.port, base: 'http://' + location.host + '/', snapshot: true }, [e.data.port]);
});
// The page's listener may not be there yet (its module script can run after this frame's): say so until answered.
let answered = false;
addEventListener('message', () => (answered = true));
const hello = () => { if (!answered) { parent.postMessage('frame-up', '*'); setTimeout(hello, 20); } };
hello();
