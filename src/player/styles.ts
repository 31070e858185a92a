// The player's stylesheet: the theme and the panels' rules shared with the
// playground, then the player's own. Put in each shadow root as text.
import panels from '../ui/panels/panels.css?inline';
import own from './player.css?inline';

export const PLAYER_CSS = panels + own;
