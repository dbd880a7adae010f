import type { StateCreator } from 'zustand';
import type { CommandInfo, ConsoleEntry, ConsoleInfo } from '../../worker/protocol.ts';
import { appStorage } from '../storage.ts';
import type { AppState } from './index.ts';

/** One console tab as the page keeps it: its connection's state and its scrollback. */
export interface ConsoleTab extends ConsoleInfo {
  readonly entries: readonly ConsoleEntry[];
  /** Entries dropped from the top of the scrollback (it keeps the last MAX_ENTRIES). */
  readonly dropped: number;
}

export interface ConsoleSlice {
  consoles: readonly ConsoleTab[];
  /** The tab shown (the left one when split). */
  activeConsole: number;
  /** Two consoles side by side: the active one and the next. */
  splitConsoles: boolean;
  history: string[];
  commands: readonly CommandInfo[];
  appendEntries(console: number, entries: readonly ConsoleEntry[]): void;
  /** A line of the playground's own between entries (a lesson opened or closed), in the shown tab. */
  appendNote(text: string, at: number): void;
  setConsoles(infos: readonly ConsoleInfo[]): void;
  /** Empties a tab's scrollback, or every tab's (a reset playground). */
  clearConsole(console?: number): void;
  /** Replaces Client 1's scrollback (a restored playground's saved transcript). */
  setEntries(entries: readonly ConsoleEntry[]): void;
  setActiveConsole(console: number): void;
  /** "+" was pressed: the tab the worker opens next is the one shown, as a browser's new tab is. */
  expectNewConsole(): void;
  setSplitConsoles(split: boolean): void;
  /** Adds typed or pasted lines to the history (kept across reloads). */
  remember(lines: readonly string[]): void;
  setCommands(commands: readonly CommandInfo[], consoles: readonly ConsoleInfo[]): void;
}

export const MAX_ENTRIES = 20_000;
const MAX_HISTORY = 1000;
export const HISTORY_KEY = 'expiry-playground:history';
/**
 * Longer lines stay in this session's history but are not saved: a 5 MB line alone fills a
 * browser's localStorage (5 MB an origin), and then no history would be saved at all.
 */
export const MAX_SAVED_LINE = 8 * 1024;

/**
 * Saves the history that fits: oversized lines left out, and while storage is still full (other
 * data of the origin), the older half dropped until the rest fits.
 */
export function saveHistory(history: readonly string[], storage = appStorage()): void {
  let kept = history.filter((l) => l.length <= MAX_SAVED_LINE);
  for (;;) {
    try {
      storage?.setItem(HISTORY_KEY, JSON.stringify(kept));
      return;
    } catch {
      // Storage full or disabled: history still works for this session.
      if (kept.length === 0) return;
      kept = kept.slice(Math.ceil(kept.length / 2));
    }
  }
}

const FIRST: ConsoleTab = {
  id: 1,
  label: 'Client 1',
  clientId: 0,
  prompt: '127.0.0.1:6379> ',
  mode: 'ready',
  entries: [],
  dropped: 0,
};

function loadHistory(): string[] {
  try {
    const raw = appStorage()?.getItem(HISTORY_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
}

/** Scrollbacks by tab id, kept while their tab is not listed (another session shown). */
/** Set by "+" until the worker's list of tabs shows the new one. */
let awaitingNew = false;
const stashed = new Map<number, { readonly entries: readonly ConsoleEntry[]; readonly dropped: number }>();

/** Adds entries to a scrollback: a continuation joins the last entry (a message, a woken reply). */
export function withEntries(tab: ConsoleTab, added: readonly ConsoleEntry[]): ConsoleTab {
  const all = [...tab.entries];
  for (const e of added) {
    const last = all[all.length - 1];
    if (e.continues && last)
      all[all.length - 1] = { ...last, text: last.text + e.text, isError: last.isError || e.isError };
    else all.push(e);
  }
  const over = Math.max(0, all.length - MAX_ENTRIES);
  return { ...tab, entries: over > 0 ? all.slice(over) : all, dropped: tab.dropped + over };
}

export const createConsoleSlice: StateCreator<AppState, [], [], ConsoleSlice> = (set, get) => ({
  consoles: [FIRST],
  activeConsole: 1,
  splitConsoles: false,
  history: loadHistory(),
  commands: [],

  appendEntries(console, added) {
    if (added.length === 0) return;
    set({ consoles: get().consoles.map((t) => (t.id === console ? withEntries(t, added) : t)) });
  },

  appendNote(text, at) {
    get().appendEntries(get().activeConsole, [
      { line: '', text, isError: false, at, prompt: '', note: true },
    ]);
  },

  setConsoles(infos) {
    const known = new Set(get().consoles.map((t) => t.id));
    // A tab missing from this list may belong to a session not shown now: its scrollback waits.
    for (const t of get().consoles) stashed.set(t.id, t);
    const consoles = infos.map((i) => ({
      ...i,
      entries: stashed.get(i.id)?.entries ?? [],
      dropped: stashed.get(i.id)?.dropped ?? 0,
    }));
    const opened = awaitingNew ? consoles.find((t) => !known.has(t.id)) : undefined;
    if (opened) awaitingNew = false;
    const active = opened
      ? opened.id
      : consoles.some((t) => t.id === get().activeConsole)
        ? get().activeConsole
        : (consoles[0]?.id ?? 1);
    set({ consoles, activeConsole: active, splitConsoles: get().splitConsoles && consoles.length > 1 });
  },

  clearConsole: (console) =>
    set({
      consoles: get().consoles.map((t) =>
        console === undefined || t.id === console ? { ...t, entries: [], dropped: 0 } : t,
      ),
    }),

  setEntries(entries) {
    // A saved transcript keeps no `continues`: output that came by itself has no line and no prompt.
    const restored = entries.map((e) =>
      e.line === '' && e.prompt === '' && !e.note ? { ...e, continues: true } : e,
    );
    const { entries: merged } = withEntries({ ...FIRST, entries: [], dropped: 0 }, restored);
    const kept = { entries: merged, dropped: 0 };
    if (!get().consoles.some((t) => t.id === 1)) stashed.set(1, kept);
    else set({ consoles: get().consoles.map((t) => (t.id === 1 ? { ...t, ...kept } : t)) });
  },

  setActiveConsole: (console) => set({ activeConsole: console }),
  expectNewConsole: () => {
    awaitingNew = true;
  },

  setSplitConsoles: (split) => set({ splitConsoles: split }),

  remember(lines) {
    const added = lines.slice(-MAX_HISTORY).filter((l) => l.trim() !== '');
    if (added.length === 0) return;
    const fresh = new Set(added);
    const history = get().history.filter((l) => !fresh.has(l));
    for (const l of added) {
      if (history[history.length - 1] !== l) history.push(l);
    }
    const kept = history.slice(-MAX_HISTORY);
    set({ history: kept });
    saveHistory(kept);
  },

  setCommands(commands, consoles) {
    set({ commands });
    get().setConsoles(consoles);
  },
});

/** The tab shown beside the active one when split: the next tab, or the one before the last. */
export function splitPartner(consoles: readonly ConsoleTab[], active: number): ConsoleTab | undefined {
  const i = consoles.findIndex((t) => t.id === active);
  return consoles[i + 1] ?? consoles[i - 1];
}
