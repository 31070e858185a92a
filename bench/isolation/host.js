// The alternative: an opaque-origin sandboxed iframe starts the worker; the page keeps the other end of the port.
const frame = document.querySelector('iframe');
const ch = new MessageChannel();
ch.port1.onmessage = (e) => { if (e.data.type === 'ready') { window.__ready = performance.now(); window.__snapshot = e.data.snapshot; } };
window.addEventListener('message', (e) => { if (e.source === frame.contentWindow && e.data.probe) window.__probe = e.data.probe; if (e.source === frame.contentWindow && e.data === 'frame-up' && !window.__sent) (window.__sent = true), frame.contentWindow.postMessage({ port: ch.port2 }, '*', [ch.port2]); });
