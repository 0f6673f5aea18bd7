import { useEffect, useRef, useState } from 'react';

/** One reading of a bridge's counters. */
export interface CounterSample {
  at: number;
  in: number;
  out: number;
}

export interface RatePoint {
  at: number;
  inPerSecond: number;
  outPerSecond: number;
}

const KEPT = 60;

/**
 * Messages per second, from consecutive readings of the counters (the page polls them every second):
 * the server keeps totals only, so the chart is the difference of two readings over their interval.
 */
export function useRateHistory(sample: CounterSample | undefined): RatePoint[] {
  const last = useRef<CounterSample | undefined>(undefined);
  const [points, setPoints] = useState<RatePoint[]>([]);
  const at = sample?.at;
  useEffect(() => {
    if (!sample) return;
    const previous = last.current;
    last.current = sample;
    if (!previous || sample.at <= previous.at) return;
    const seconds = (sample.at - previous.at) / 1000;
    // Counters only grow; a drop means another server's totals arrived late, not negative traffic.
    const rate = (now: number, before: number) => Math.max(0, now - before) / seconds;
    const point = {
      at: sample.at,
      inPerSecond: rate(sample.in, previous.in),
      outPerSecond: rate(sample.out, previous.out),
    };
    setPoints((list) => [...list.slice(-(KEPT - 1)), point]);
    // A new reading is a new time; the object itself may be rebuilt on every render.
  }, [at]);
  return points;
}
