// As the app does: a blob: worker importing the real worker script, talking over a port.
const t0 = performance.now();
const script = new URL('__WORKER__', location.href).href;
const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' }));
const worker = new Worker(url, { type: 'module' });
const ch = new MessageChannel();
ch.port1.onmessage = (e) => { if (e.data.type === 'ready') { window.__ready = performance.now(); window.__snapshot = e.data.snapshot; } };
worker.postMessage({ type: 'connect', port: ch.port2, base: location.origin + '/', snapshot: true }, [ch.port2]);
window.__started = t0;
