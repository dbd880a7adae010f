import type { StateCreator } from 'zustand';
import { type Compat, DEFAULT_COMPAT, isCompat } from '../../engine/compat.ts';
import type { AppState } from './index.ts';

export type Theme = 'dark' | 'light';
export type TimeZoneMode = 'local' | 'utc';
export type SideTab = 'console' | 'events' | 'expiry' | 'docs';

export interface SettingsSlice {
  theme: Theme;
  fontSize: number;
  timeZone: TimeZoneMode;
  sideTab: SideTab;
  /** The server the engine answers as (the Compatibility box), kept across reloads. */
  compat: Compat;
  setTheme(theme: Theme): void;
  setFontSize(px: number): void;
  setTimeZone(mode: TimeZoneMode): void;
  setSideTab(tab: SideTab): void;
  /** Records the server (the worker is told separately: workerClient().setCompat). */
  setCompat(compat: Compat): void;
}

const KEY = 'expiry-playground:settings';
export const FONT_SIZES = [12, 13, 14, 16, 18, 20, 24, 28] as const;

interface Saved {
  theme?: Theme;
  fontSize?: number;
  timeZone?: TimeZoneMode;
  compat?: string;
}

function load(): Saved {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Saved) : {};
  } catch {
    return {};
  }
}

function save(s: Saved): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
  } catch {
    // Settings just do not persist.
  }
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => {
  const saved = load();
  const persist = () => {
    const { theme, fontSize, timeZone, compat } = get();
    save({ theme, fontSize, timeZone, compat });
  };
  return {
    theme: saved.theme === 'light' ? 'light' : 'dark',
    fontSize: FONT_SIZES.includes(saved.fontSize as (typeof FONT_SIZES)[number])
      ? (saved.fontSize as number)
      : 13,
    timeZone: saved.timeZone === 'utc' ? 'utc' : 'local',
    sideTab: 'console',
    compat: saved.compat !== undefined && isCompat(saved.compat) ? saved.compat : DEFAULT_COMPAT,
    setTheme: (theme) => {
      set({ theme });
      persist();
    },
    setFontSize: (fontSize) => {
      set({ fontSize });
      persist();
    },
    setTimeZone: (timeZone) => {
      set({ timeZone });
      persist();
    },
    setSideTab: (sideTab) => set({ sideTab }),
    setCompat: (compat) => {
      if (compat === get().compat) return;
      set({ compat });
      persist();
    },
  };
};
