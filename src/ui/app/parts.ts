import { lazyPart } from './lazyPart.ts';
import type { LazyPart } from './lazyPart.ts';

/*
 * The parts of the app that the first frame of the stepping view does not draw, each a chunk of
 * its own (see lazyPart.ts). The order of PREFETCH is the order idle time fetches them in: the
 * likeliest next click first.
 */
export const legendPanelPart = lazyPart(() => import('../legend/LegendPanel.tsx'));
export const editorPart = lazyPart(() => import('../scenarioEditor/ScenarioEditor.tsx'));
export const predictPart = lazyPart(() => import('../predict/PredictPanel.tsx'));
export const guestTablePart = lazyPart(() => import('../guestTable/GuestTable.tsx'));
export const exportPanelPart = lazyPart(() => import('../exportImage/ExportPanel.tsx'));
export const importDialogPart = lazyPart(() => import('../importExport/ImportDialog.tsx'));
export const traceDialogPart = lazyPart(() => import('../trace/TraceDialog.tsx'));
export const experimentPart = lazyPart(() => import('../experiment/ExperimentView.tsx'));
export const pathsPart = lazyPart(() => import('../paths/PathsView.tsx'));
export const hostPart = lazyPart(() => import('../host/HostView.tsx'));
/** The kernel history strip, above the stage on tall screens and below the dock otherwise. */
export const historyPart = lazyPart(() => import('../history/HistoryStrip.tsx'));
/** "Embed in a slide" loads its dialog with React.lazy; fetching the module early makes that instant. */
const embedCodePart = lazyPart(() => import('../embed/EmbedCodeDialog.tsx'));

export const PREFETCH: ReadonlyArray<LazyPart<unknown>> = [
  legendPanelPart,
  historyPart,
  editorPart,
  exportPanelPart,
  predictPart,
  guestTablePart,
  importDialogPart,
  embedCodePart,
  traceDialogPart,
  experimentPart,
  pathsPart,
];
