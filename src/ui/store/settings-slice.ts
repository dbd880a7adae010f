import type { StateCreator } from 'zustand';
import { appStorage } from '../storage.ts';
import type { AppState } from './index.ts';

export type Theme = 'dark' | 'light';
export type TimeZoneMode = 'local' | 'utc';
export type SideTab = 'console' | 'events' | 'expiry' | 'docs' | 'timeline';

export interface SettingsSlice {
  theme: Theme;
  fontSize: number;
  timeZone: TimeZoneMode;
  sideTab: SideTab;
  /** The welcome is shown: on a first visit, until dismissed, and when asked for again (Learn). */
  welcomeOpen: boolean;
  setTheme(theme: Theme): void;
  setFontSize(px: number): void;
  setTimeZone(mode: TimeZoneMode): void;
  setSideTab(tab: SideTab): void;
  /**
   * Shows or hides the welcome; hiding it is for good (it stays closed on later visits) unless
   * `forGood` is false (a page opened: the welcome makes room, and shows again next time).
   */
  setWelcomeOpen(open: boolean, forGood?: boolean): void;
}

const KEY = 'expiry-playground:settings';
export const FONT_SIZES = [12, 13, 14, 16, 18, 20, 24, 28] as const;

interface Saved {
  theme?: Theme;
  fontSize?: number;
  timeZone?: TimeZoneMode;
  welcomeDismissed?: boolean;
}

function load(): Saved {
  try {
    const parsed: unknown = JSON.parse(appStorage()?.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Saved) : {};
  } catch {
    return {};
  }
}

function save(s: Saved): void {
  try {
    appStorage()?.setItem(KEY, JSON.stringify(s));
  } catch {
    // Settings just do not persist.
  }
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => {
  const saved = load();
  // Only a choice of the learner's (closing it, or reopening it with Learn) decides the next visit.
  let welcomeDismissed = saved.welcomeDismissed === true;
  const persist = () => {
    const { theme, fontSize, timeZone } = get();
    save({ theme, fontSize, timeZone, welcomeDismissed });
  };
  return {
    theme: saved.theme === 'light' ? 'light' : 'dark',
    fontSize: FONT_SIZES.includes(saved.fontSize as (typeof FONT_SIZES)[number])
      ? (saved.fontSize as number)
      : 13,
    timeZone: saved.timeZone === 'utc' ? 'utc' : 'local',
    sideTab: 'console',
    welcomeOpen: !welcomeDismissed,
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
    setWelcomeOpen: (welcomeOpen, forGood = true) => {
      set({ welcomeOpen });
      if (!forGood) return;
      welcomeDismissed = !welcomeOpen;
      persist();
    },
  };
};
