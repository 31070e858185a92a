import { describe, expect, it } from 'vitest';
import { appUrl, escapeAttr, iframeSnippet, playerSnippet } from './snippets.ts';
import { readEmbedOptions } from './options.ts';
import { parseHash } from '../state/share.ts';

describe('embed snippets', () => {
  it('finds the app’s folder from the page’s address', () => {
    expect(appUrl({ origin: 'https://h.org', pathname: '/loopscope/' })).toBe('https://h.org/loopscope/');
    expect(appUrl({ origin: 'https://h.org', pathname: '/loopscope/index.html' })).toBe('https://h.org/loopscope/');
  });

  it('gives an iframe whose address opens the same code, step and options, and the host helper', () => {
    const code = 'print("<b> & \\"x\\"")\n';
    const html = iframeSnippet('https://h.org/ls/', { code, step: 3, panels: ['ready', 'tasks'], readonly: true, theme: 'dark' }, 'Tasks "1"');
    const doc = html.match(/src="([^"]*)"/)![1].replace(/&amp;/g, '&');
    const hash = doc.slice(doc.indexOf('#'));
    expect(doc.startsWith('https://h.org/ls/#code=')).toBe(true);
    expect(parseHash(hash)).toEqual({ kind: 'ok', code, step: 3 });
    expect(readEmbedOptions(hash, doc)).toMatchObject({ embed: true, panels: ['ready', 'tasks'], readonly: true, theme: 'dark' });
    expect(html).toContain('title="Loopscope: Tasks &quot;1&quot;"');
    expect(html).toContain('data-loopscope');
    expect(html).toContain('<script type="module" src="https://h.org/ls/embed-host.js"></script>');
  });

  it('gives a player of the saved recording with the chosen attributes', () => {
    expect(playerSnippet('https://h.org/ls/', { file: 'tasks.json', step: 5, panels: ['ready', 'console'], autoplay: true, speed: 2, theme: 'auto' })).toBe(
      '<script type="module" src="https://h.org/ls/player.js"></script>\n' +
        '<loopscope-player src="tasks.json" step="5" panels="ready,console" speed="2" theme="auto" autoplay></loopscope-player>',
    );
    expect(playerSnippet('/', { file: 'a.json' })).toContain('<loopscope-player src="a.json"></loopscope-player>');
    expect(escapeAttr('<"&>')).toBe('&lt;&quot;&amp;&gt;');
  });
});
