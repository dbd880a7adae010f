import { create } from 'zustand';
import { type BridgeSlice, createBridgeSlice } from './bridge-slice.ts';
import { type ClassroomSlice, createClassroomSlice } from './classroom-slice.ts';
import { type ClockSlice, createClockSlice } from './clock-slice.ts';
import { type ConsoleSlice, createConsoleSlice } from './console-slice.ts';
import { createDocsSlice, type DocsSlice } from './docs-slice.ts';
import { createEventsSlice, type EventsSlice } from './events-slice.ts';
import { createExpirySlice, type ExpirySlice } from './expiry-slice.ts';
import { createKeysSlice, type KeysSlice } from './keys-slice.ts';
import { createPersistSlice, type PersistSlice } from './persist-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';

/** One store from slices. Components select what they need; TTL bars read it transiently. */
export type AppState = KeysSlice &
  ConsoleSlice &
  ClockSlice &
  EventsSlice &
  ExpirySlice &
  SettingsSlice &
  DocsSlice &
  SessionSlice &
  PersistSlice &
  ClassroomSlice &
  BridgeSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createKeysSlice(...a),
  ...createConsoleSlice(...a),
  ...createClockSlice(...a),
  ...createEventsSlice(...a),
  ...createExpirySlice(...a),
  ...createSettingsSlice(...a),
  ...createDocsSlice(...a),
  ...createPersistSlice(...a),
  ...createSessionSlice(...a),
  ...createClassroomSlice(...a),
  ...createBridgeSlice(...a),
}));
