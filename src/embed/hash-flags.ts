// Two facts about the page's address that src/boot.ts needs before anything
// else evaluates, so this module imports nothing.

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, '').replace(/\+/g, '%2B'));
}

/** `#…&embed=1`: the page is an embed (docs/embedding.md). */
export function isEmbedHash(hash: string): boolean {
  return params(hash).get('embed') === '1';
}

/**
 * Whether the page should start Python as it opens. The playground always does
 * (a reader is about to run something); an embed only when its address holds
 * code to run. An embed of a recording, or an empty one waiting for a `load`,
 * starts Python on the first Run.
 */
export function startsPython(hash: string): boolean {
  return !isEmbedHash(hash) || params(hash).has('code');
}
