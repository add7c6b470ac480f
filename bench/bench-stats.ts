// Figures from raw frame times and long tasks, computed the same way for the app and the references.
import type { LongTaskEntry } from './page-scripts';

export const LONG_TASK_MS = 50;

/** Nearest-rank percentile (no interpolation): the value at or below which p% of the frames fall. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export type ScrollFigures = {
  frames: number;
  /** False when the run was cut short by its time bound. */
  complete: boolean;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  framesOver16_7Ms: number;
  longTasks: number;
  longestTaskMs: number;
  totalBlockingTimeMs: number;
  scrolledPx: number;
  durationMs: number;
};

export function scrollFigures(
  frameMs: readonly number[],
  longTasks: readonly LongTaskEntry[],
  scrolledPx: number,
  durationMs: number,
  complete: boolean,
): ScrollFigures {
  return {
    frames: frameMs.length,
    complete,
    p50FrameMs: round(percentile(frameMs, 50)),
    p95FrameMs: round(percentile(frameMs, 95)),
    maxFrameMs: round(Math.max(0, ...frameMs)),
    framesOver16_7Ms: frameMs.filter((f) => f > 16.7).length,
    longTasks: longTasks.filter((t) => t.duration > LONG_TASK_MS).length,
    longestTaskMs: round(Math.max(0, ...longTasks.map((t) => t.duration))),
    // Total blocking time: the part of every long task beyond 50 ms.
    totalBlockingTimeMs: round(longTasks.reduce((sum, t) => sum + Math.max(0, t.duration - LONG_TASK_MS), 0)),
    scrolledPx: Math.round(scrolledPx),
    durationMs: Math.round(durationMs),
  };
}
