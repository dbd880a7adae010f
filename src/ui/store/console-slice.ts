import type { StateCreator } from 'zustand';
import type { CommandInfo, ConsoleEntry } from '../../worker/protocol.ts';
import { appStorage } from '../storage.ts';
import type { AppState } from './index.ts';

export interface ConsoleSlice {
  entries: ConsoleEntry[];
  /** Entries dropped from the top of the scrollback (it keeps the last MAX_ENTRIES). */
  droppedEntries: number;
  history: string[];
  prompt: string;
  commands: readonly CommandInfo[];
  appendEntries(entries: readonly ConsoleEntry[], prompt: string): void;
  /** A line of the playground's own between entries (a lesson opened or closed). */
  appendNote(text: string, at: number): void;
  clearConsole(): void;
  /** Replaces the scrollback (a restored playground's saved transcript). */
  setEntries(entries: readonly ConsoleEntry[]): void;
  /** Adds typed or pasted lines to the history (kept across reloads). */
  remember(lines: readonly string[]): void;
  setCommands(commands: readonly CommandInfo[], prompt: string): void;
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

function loadHistory(): string[] {
  try {
    const raw = appStorage()?.getItem(HISTORY_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
}

export const createConsoleSlice: StateCreator<AppState, [], [], ConsoleSlice> = (set, get) => ({
  entries: [],
  droppedEntries: 0,
  history: loadHistory(),
  prompt: '127.0.0.1:6379> ',
  commands: [],

  appendEntries(added, prompt) {
    if (added.length === 0) {
      if (prompt !== get().prompt) set({ prompt });
      return;
    }
    const all = get().entries.concat(added);
    const over = Math.max(0, all.length - MAX_ENTRIES);
    set({ entries: over > 0 ? all.slice(over) : all, droppedEntries: get().droppedEntries + over, prompt });
  },

  appendNote(text, at) {
    get().appendEntries([{ line: '', text, isError: false, at, prompt: '', note: true }], get().prompt);
  },

  clearConsole: () => set({ entries: [], droppedEntries: 0 }),
  setEntries: (entries) => set({ entries: entries.slice(-MAX_ENTRIES), droppedEntries: 0 }),

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

  setCommands: (commands, prompt) => set({ commands, prompt }),
});
