// dist/player.js: defines <loopscope-player> (docs/embedding.md). An ES module
// with no other effect on the page; defining the element twice (two copies
// of the script) keeps the first.
import { LoopscopePlayer, setHome } from './element.ts';

// Where the app's files live, for Run (the worker, Pyodide) and Edit (the
// playground): beside this script in the build; the server's root in dev.
setHome(new URL(import.meta.env.DEV ? '/' : './', import.meta.url).href);

if (typeof customElements !== 'undefined' && !customElements.get('loopscope-player')) customElements.define('loopscope-player', LoopscopePlayer);

export { LoopscopePlayer };

declare global {
  interface HTMLElementTagNameMap {
    'loopscope-player': LoopscopePlayer;
  }
}
