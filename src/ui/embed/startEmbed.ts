import type { AppStore } from '../../state/store.ts';
import { applyLocation, startUrlSync } from '../../state/urlSync.ts';
import type { EmbedOptions } from './embedOptions.ts';
import { startHostBridge } from './hostBridge.ts';

/** Shows the frame the embed URL asks for, locks its range, then starts the URL sync and the API. */
export async function startEmbed(store: AppStore, options: EmbedOptions, problems: string[]): Promise<void> {
  await applyLocation(store, window.location.href);
  const s = store.getState();
  if (options.fromTick !== null || options.toTick !== null) {
    s.setRange({ from: options.fromTick ?? 0, to: options.toTick ?? Number.MAX_SAFE_INTEGER });
  }
  if (options.predictFor) s.setPredictVariant(options.predictFor);
  if (options.predict) s.setPredict(true);
  if (problems.length > 0) s.setLinkProblem([s.linkProblem, ...problems].filter(Boolean).join('; '));
  startUrlSync(store);
  startHostBridge(store, { autoplay: options.autoplay });
  if (options.autoplay) s.play();
}
