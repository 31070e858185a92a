// The player's stylesheet: the theme and the panels' rules shared with the
// playground, then the player's own. One constructed CSSStyleSheet for every
// player of the page (adoptedStyleSheets): parsed once, however many players
// there are, and not an inline <style>, so a host page whose
// Content-Security-Policy forbids inline styles still styles the player.
import panels from '../ui/panels/panels.css?inline';
import own from './player.css?inline';

export const PLAYER_CSS = panels + own;

let sheet: CSSStyleSheet | null = null;

/** Style a shadow root: the shared sheet where the browser has constructable stylesheets, else a <style> in it. */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(PLAYER_CSS);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = PLAYER_CSS;
  root.prepend(style);
}
