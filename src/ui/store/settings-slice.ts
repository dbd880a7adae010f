import type { StateCreator } from 'zustand';
import { type Compat, DEFAULT_COMPAT, isCompat } from '../../engine/compat.ts';
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
  /** The server the shown session answers as (the Compatibility box). */
  compat: Compat;
  setTheme(theme: Theme): void;
  setFontSize(px: number): void;
  setTimeZone(mode: TimeZoneMode): void;
  setSideTab(tab: SideTab): void;
  /**
   * Shows or hides the welcome; hiding it is for good (it stays closed on later visits) unless
   * `forGood` is false (a page opened: the welcome makes room, and shows again next time).
   */
  setWelcomeOpen(open: boolean, forGood?: boolean): void;
  /**
   * Records the server the shown session answers as (the worker is told separately:
   * WorkerClient.setCompat). Only the learner's own choice (`chosen`) is kept for the next
   * visit: a lesson written for another server does not change what the playground starts as.
   */
  setCompat(compat: Compat, chosen?: boolean): void;
}

const KEY = 'expiry-playground:settings';
export const FONT_SIZES = [12, 13, 14, 16, 18, 20, 24, 28] as const;

interface Saved {
  theme?: Theme;
  fontSize?: number;
  timeZone?: TimeZoneMode;
  welcomeDismissed?: boolean;
  compat?: string;
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
  let chosenCompat: Compat =
    saved.compat !== undefined && isCompat(saved.compat) ? saved.compat : DEFAULT_COMPAT;
  const persist = () => {
    const { theme, fontSize, timeZone } = get();
    save({ theme, fontSize, timeZone, welcomeDismissed, compat: chosenCompat });
  };
  return {
    theme: saved.theme === 'light' ? 'light' : 'dark',
    fontSize: FONT_SIZES.includes(saved.fontSize as (typeof FONT_SIZES)[number])
      ? (saved.fontSize as number)
      : 13,
    timeZone: saved.timeZone === 'utc' ? 'utc' : 'local',
    sideTab: 'console',
    welcomeOpen: !welcomeDismissed,
    compat: chosenCompat,
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
    setCompat: (compat, chosen = false) => {
      if (compat !== get().compat) set({ compat });
      if (!chosen || compat === chosenCompat) return;
      chosenCompat = compat;
      persist();
    },
  };
};
