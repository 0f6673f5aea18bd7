import { useEffect, useRef, useState } from 'react';

/**
 * Items streamed into a live list, newest first and at most `cap` of them. While paused the list
 * holds still and new items wait, to appear on `release`.
 */
export function useHeldFeed<T>(paused: boolean, cap: number) {
  const [live, setLive] = useState<T[]>([]);
  const [held, setHeld] = useState<T[]>([]);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  const add = (item: T) => {
    if (pausedRef.current) setHeld((current) => [item, ...current].slice(0, cap));
    else setLive((current) => [item, ...current].slice(0, cap));
  };
  /** Shows what arrived during the pause. */
  const release = () => {
    setLive((current) => [...held, ...current].slice(0, cap));
    setHeld([]);
  };
  /** Drops everything streamed so far. */
  const forget = () => {
    setLive([]);
    setHeld([]);
  };

  return { live, heldCount: held.length, add, release, forget };
}
