/**
 * The lessons bundled with the app: our own pages in the formats the runner reads. Loaded on demand,
 * so they cost nothing at start.
 */
export interface Lesson {
  readonly id: string;
  readonly title: string;
  load(): Promise<string>;
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'psetex-basics',
    title: 'PSETEX basics',
    load: () => import('../docs/lessons/psetex-basics.md?raw').then((m) => m.default),
  },
  {
    id: 'expire-options',
    title: 'EXPIRE with NX, XX, GT, LT',
    load: () => import('../docs/lessons/expire-options.md?raw').then((m) => m.default),
  },
  {
    id: 'lazy-and-active',
    title: 'Lazy and active expiry',
    load: () => import('../docs/lessons/lazy-and-active.md?raw').then((m) => m.default),
  },
  {
    id: 'thousand-keys',
    title: 'A thousand keys: lazy vs active',
    load: () => import('../docs/lessons/thousand-keys.md?raw').then((m) => m.default),
  },
];
