import type { StoreApi } from 'zustand/vanilla';
import type { ViewMode } from '../engine/ticks.ts';
import type { Scenario, Variant } from '../engine/types.ts';
import type { EnginePort } from '../worker/client.ts';
import type { DecodeResult } from '../worker/linkCodec.ts';
import type { PredictionResult, QuizScore } from './predictScoring.ts';
import type { Axis, BothTotals, FrameReply, ScenarioProblem } from '../worker/protocol.ts';

/** Where a refused scenario came from, so the message shows next to the control that caused it. */
export type ProblemSource = 'import' | 'edit';

export interface LoadOptions {
  presetId?: string | null;
  /** Position playback at the first tick of this access (else the current tick is kept). */
  access?: number;
  /** Position playback at the tick this picks on the new axis (wins over `access`). */
  at?: (axis: Axis) => number;
  source?: ProblemSource;
}

export interface ScenarioSlice {
  /** The scenario the worker has loaded; null until the first load answers. */
  scenario: Scenario | null;
  presetId: string | null;
  totals: BothTotals | null;
  problem: (ScenarioProblem & { source: ProblemSource }) | null;
  /**
   * Loads a scenario into the worker and, once it is accepted, makes it current. A refused
   * scenario leaves everything as it was and sets `problem`. `access` positions playback at the
   * first tick of that access; without it the current tick is kept.
   */
  loadScenario(s: Scenario, opts?: LoadOptions): Promise<boolean>;
  /** Loads a preset at its first access, or where `at` says. */
  loadPreset(id: string, opts?: Pick<LoadOptions, 'at'>): Promise<boolean>;
  /** Validates JSON text in the worker, then loads it; a bad file leaves the scenario untouched. */
  importText(text: string): Promise<boolean>;
  /** Toggles an entry present in the initial state. */
  togglePresent(gfn: number): Promise<boolean>;
  /** Inserts an access to gfn right after the current one and moves there. */
  faultNext(gfn: number): Promise<boolean>;
  clearProblem(): void;
}

export interface PlaybackSlice {
  mode: ViewMode;
  axis: Axis | null;
  /** The tick asked for; `frame.tick` is the one shown (they differ while a frame is on its way). */
  tick: number;
  frame: FrameReply | null;
  playing: boolean;
  /** Multiplier of the base pace (one step per BASE_STEP_MS). */
  speed: number;
  setMode(mode: ViewMode): Promise<void>;
  seek(tick: number): void;
  step(delta: 1 | -1): void;
  fault(delta: 1 | -1): void;
  home(): void;
  end(): void;
  reset(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Plays the fault of the access on screen from its first step to its last, then stops. */
  replayFault(): void;
  setSpeed(speed: number): void;
  /** Locks playback to ticks [from, to] (embed mode's `from`/`to`); null unlocks. */
  range: PlaybackRange | null;
  setRange(range: PlaybackRange | null): void;
}

export interface PlaybackRange {
  from: number;
  to: number;
}

export type ClickMode = 'toggle' | 'fault';

export interface ViewSlice {
  clickMode: ClickMode;
  /** The code panel's variant in compare mode (single modes show their own). */
  codeVariant: Variant;
  setClickMode(m: ClickMode): void;
  setCodeVariant(v: Variant): void;
}

export interface UrlSlice {
  /** Why the link the page was opened from was not (fully) shown; plain text, null when fine. */
  linkProblem: string | null;
  setLinkProblem(problem: string | null): void;
  /** A share link's `s=` payload as a scenario, decoded off the main thread when the engine can. */
  decodeLink(payload: string): Promise<DecodeResult>;
}

export type PredictPhase = 'idle' | 'asking' | 'checking' | 'revealed';

export interface PredictQuestion {
  variant: Variant;
  accessIndex: number;
  faultGfn: number;
  /** The 8 GFNs of the window the fault's prefetch walks: the only possible answers. */
  window: number[];
  tableBase: number;
  /** Last tick of the fault's access: where Check goes to show the answer. */
  endTick: number;
  /** Entry codes at the question, to tell this fault's prefetches from earlier ones. */
  before: Uint8Array;
}

export interface PredictState {
  on: boolean;
  /** The variant predicted in compare mode ("What does the old code do here?"). */
  variant: Variant;
  phase: PredictPhase;
  question: PredictQuestion | null;
  /** GFNs the learner expects to be prefetched (empty = "none"). */
  picks: number[];
  /** The last checked round. */
  result: PredictionResult | null;
  score: QuizScore;
  /** Access indices already asked and checked, so stepping back does not ask again. */
  answered: number[];
  /** The sentence for the quiz's live region. */
  announcement: string;
}

/** Predict mode (src/state/predictSlice.ts); the embed API drives it through these actions. */
export interface PredictSlice {
  predict: PredictState;
  setPredict(on: boolean): void;
  setPredictVariant(v: Variant): void;
  togglePick(gfn: number): void;
  /** Checks the prediction: `gfns` replaces the picks when given ([] = "none"). */
  submitPrediction(gfns?: number[]): void;
  resetPredictScore(): void;
}

export type AppState = ScenarioSlice & PlaybackSlice & ViewSlice & UrlSlice & PredictSlice;

export type SetState = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;
export type SliceCreator<T> = (set: SetState, get: GetState, engine: EnginePort) => T;

/** The app's one store (created in store.ts). */
export type AppStore = StoreApi<AppState>;
