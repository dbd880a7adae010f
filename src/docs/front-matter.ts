/**
 * Front matter as pages and lessons use it: flat `key: value` scalars, quotes optional. Its own module
 * (no markdown parser) so that the UI can read the course's lesson list without loading one.
 */

/** The pairs of a YAML front matter block's text (between the `---` lines). */
export function readFrontMatter(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of value.split('\n')) {
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1] as string] = (m[2] as string).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** The front matter at the very start of a page (`---` … `---`), or null when it has none. */
export function leadingFrontMatter(source: string): Record<string, string> | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(source);
  return m ? readFrontMatter((m[1] as string).replace(/\r$/gm, '')) : null;
}
