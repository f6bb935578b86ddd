import { memo } from 'react';
import { BatchHistogram } from './BatchHistogram.tsx';
import { ChartFrame } from './ChartFrame.tsx';
import { CumulativeChart } from './CumulativeChart.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { TableOverview } from './TableOverview.tsx';
import type { ExperimentResults } from './useExperimentRun.ts';

/**
 * The results table and the charts of the last finished run. Memoised on the results alone: a run
 * starting or ending (the stale look is the parent's class) and its progress messages do not
 * re-render these SVGs.
 */
export const ExperimentOutput = memo(function ExperimentOutput({ shown }: { shown: ExperimentResults }) {
  const trace = shown.built.label !== undefined;
  // Exported charts of two chosen kernels say which in their file names: batch-sizes-v4.18-v6.1.svg.
  const { labels, defaultPair } = shown.names;
  const tag = defaultPair ? '' : `-${labels.buggy}-${labels.fixed}`;
  return (
    <>
      <ResultsTable shown={shown} />
      <div className="xp-charts">
        <ChartFrame
          title="Cumulative pf_fixed"
          name={`cumulative-pf-fixed${tag}`}
          caption={`Faults counted at the access that caused them (512 time buckets, exact at each bucket edge)${trace ? ', in trace order' : ''}.`}
        >
          {(ref) => <CumulativeChart shown={shown} svgRef={ref} />}
        </ChartFrame>
        <ChartFrame
          title="Batch sizes"
          name={`batch-sizes${tag}`}
          caption="Each direct_pte_prefetch_many() call by the number of SPTEs it covers. The bug drops the trailing run, the long batch of 7 after a fault at the start of a window."
        >
          {(ref) => <BatchHistogram shown={shown} svgRef={ref} />}
        </ChartFrame>
        <ChartFrame
          title="Every page table"
          name={`page-table-overview${tag}`}
          caption="A touched cell's colour is the share of its touched entries that faulted, from light (all prefetched) to dark (all faulted); the counts beside each strip are exact."
        >
          {(ref) => <TableOverview shown={shown} svgRef={ref} />}
        </ChartFrame>
      </div>
    </>
  );
});
