// embed-host.js: load it once on a page with Loopscope iframes
// (<script type="module" src=".../embed-host.js"></script>) and every
// `iframe[data-loopscope]` follows its content's height. src/embed/host.ts.
import { autoSizeFrames } from './host.ts';

autoSizeFrames(window);
