import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { EnginePort } from '../worker/client.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import type { AppState } from './types.ts';
import { createViewSlice } from './viewSlice.ts';

export type AppStore = StoreApi<AppState>;

/** The app's one store: slices share set/get and the engine port they talk to. */
export function createAppStore(engine: EnginePort): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createScenarioSlice(set, get, engine),
    ...createPlaybackSlice(set, get, engine),
    ...createViewSlice(set, get, engine),
  }));
}
