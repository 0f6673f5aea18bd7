import { useEffect, useRef } from 'react';

/**
 * Long forms in a dialog scroll: after a refused submit, bring the first field in error (or the
 * alert above the form) into view. `attempt` counts submits; `error` is the server's answer.
 */
export function useRevealFirstError<T extends HTMLElement>(attempt: number, error: Error | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (attempt === 0 && !error) return;
    const first = ref.current?.querySelector('[aria-invalid="true"], [role="alert"]');
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [attempt, error]);
  return ref;
}
