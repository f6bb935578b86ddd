/**
 * The runs the experiment view makes of one workload: buggy / fixed are the scenario's MMU with
 * that variant; tdp is the same accesses under the TDP MMU. Here, below the worker and the charts,
 * so both name it without importing each other.
 */
export type RunKind = 'buggy' | 'fixed' | 'tdp';
