import type { NearMiss } from '@understudy/contracts';
import type { CompiledStub } from '../core/matching/compile-stub.js';
import { findMatch } from '../core/matching/find-match.js';
import type { RequestSnapshot } from '../core/matching/request-snapshot.js';
import type { LiveService } from './mock-registry.js';

/** What to do with one mock request; the HTTP edge carries it out. */
export type MockDecision =
  | { readonly kind: 'stub'; readonly stub: CompiledStub; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'unmatched'; readonly nearMisses: readonly NearMiss[] }
  | {
      readonly kind: 'proxy';
      readonly upstream: string;
      readonly stub: CompiledStub | null;
      readonly pathRewrite: { readonly from: string; readonly to: string } | null;
    };

/**
 * The mode decides first (proxy: everything upstream), then the stubs; what no stub answers is a
 * 404 with near misses in `mock` mode and goes upstream in `partial` mode.
 */
export function decide(live: LiveService, snapshot: RequestSnapshot): MockDecision {
  const { mode, upstream } = live.record;
  if (mode === 'proxy' && upstream) return { kind: 'proxy', upstream, stub: null, pathRewrite: null };
  const outcome = findMatch(live.index, snapshot);
  if (outcome.stub) {
    const { response } = outcome.stub;
    if (response.kind !== 'proxy') return { kind: 'stub', stub: outcome.stub, params: outcome.params };
    const target = response.upstream ?? upstream;
    if (target)
      return { kind: 'proxy', upstream: target, stub: outcome.stub, pathRewrite: response.pathRewrite };
    return { kind: 'unmatched', nearMisses: [] };
  }
  if (mode === 'partial' && upstream) return { kind: 'proxy', upstream, stub: null, pathRewrite: null };
  return { kind: 'unmatched', nearMisses: outcome.nearMisses };
}

/**
 * The stub that answers `snapshot`, if any, for the fast path: no decision object and no near
 * misses (only a no-match needs them, and goes through `decide`). For services that never forward.
 */
export function matchingStub(live: LiveService, snapshot: RequestSnapshot): CompiledStub | undefined {
  return live.index.lookup(snapshot)?.stub;
}
