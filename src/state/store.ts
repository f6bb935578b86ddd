import { createStore } from 'zustand/vanilla';
import type { EnginePort } from '../worker/client.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import { createPredictSlice, watchPredict } from './predictSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import type { AppState, AppStore } from './types.ts';
import { createUrlSlice } from './urlSlice.ts';
import { createViewSlice } from './viewSlice.ts';

export type { AppStore };

/** The app's one store: slices share set/get and the engine port they talk to. */
export function createAppStore(engine: EnginePort): AppStore {
  const store = createStore<AppState>()((set, get) => ({
    ...createScenarioSlice(set, get, engine),
    ...createPlaybackSlice(set, get, engine),
    ...createViewSlice(set, get, engine),
    ...createUrlSlice(set, get, engine),
    ...createPredictSlice(set, get, engine),
  }));
  watchPredict(store);
  return store;
}
