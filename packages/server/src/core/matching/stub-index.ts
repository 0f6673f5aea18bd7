import type { CompiledStub } from './compile-stub.js';
import { byOrder, considerEntries, type IndexEntry, type Search } from './index-entry.js';
import { PathTrie } from './path-trie.js';
import type { CompiledPredicate } from './predicates/predicate.js';
import type { RequestSnapshot } from './request-snapshot.js';

/** The stubs answering one method (or any method): by exact path, by template, and the rest. */
class MethodBucket {
  readonly exact = new Map<string, IndexEntry[]>();
  readonly templates = new PathTrie();
  /** Stubs whose path is a regex or other operator, or unconstrained: these are evaluated in turn. */
  readonly scanned: IndexEntry[] = [];
  hasTemplates = false;

  add(entry: IndexEntry): void {
    const { route } = entry.stub.request;
    if (route?.kind === 'exact') {
      const list = this.exact.get(route.path) ?? [];
      list.push(entry);
      this.exact.set(route.path, list);
    } else if (route?.kind === 'template') {
      this.templates.add(route.template, entry);
      this.hasTemplates = true;
    } else {
      this.scanned.push(entry);
    }
  }

  seal(): void {
    for (const list of this.exact.values()) list.sort(byOrder);
    this.templates.seal();
    this.scanned.sort(byOrder);
  }

  search(snapshot: RequestSnapshot, segments: readonly string[] | undefined, search: Search): void {
    const exact = this.exact.get(snapshot.path);
    if (exact) considerEntries(exact, snapshot, search);
    if (segments) this.templates.search(segments, snapshot, search);
    considerEntries(this.scanned, snapshot, search);
  }
}

/**
 * A service's enabled stubs, filed by method and by exact path or template prefix, so finding the
 * match for a literal or template path costs the same with 10 stubs or 10,000 (issue 3). Immutable:
 * build a new one when the stubs change.
 */
export class StubIndex {
  /** Enabled stubs, best first by the tie rule; near misses are looked for here. */
  readonly stubs: readonly CompiledStub[];
  readonly #byMethod = new Map<string, MethodBucket>();
  readonly #anyMethod = new MethodBucket();

  constructor(stubs: readonly CompiledStub[]) {
    this.stubs = stubs.filter((stub) => stub.enabled).sort(compareStubs);
    this.stubs.forEach((stub, order) => {
      const entry: IndexEntry = { stub, order, check: checkFor(stub) };
      const { methods } = stub.request;
      if (methods === null) this.#anyMethod.add(entry);
      else for (const method of methods) this.#bucket(method).add(entry);
    });
    for (const bucket of this.#byMethod.values()) bucket.seal();
    this.#anyMethod.seal();
  }

  /** The best stub that matches exactly (priority, then specificity, then newest), if any. */
  lookup(snapshot: RequestSnapshot): IndexEntry | undefined {
    const search: Search = { best: undefined, bestOrder: Number.POSITIVE_INFINITY };
    const bucket = this.#byMethod.get(snapshot.method);
    const needsSegments = (bucket?.hasTemplates ?? false) || this.#anyMethod.hasTemplates;
    const segments = needsSegments ? snapshot.path.split('/') : undefined;
    bucket?.search(snapshot, segments, search);
    this.#anyMethod.search(snapshot, segments, search);
    return search.best;
  }

  #bucket(method: string): MethodBucket {
    let bucket = this.#byMethod.get(method);
    if (bucket === undefined) {
      bucket = new MethodBucket();
      this.#byMethod.set(method, bucket);
    }
    return bucket;
  }
}

/** Builds the index of a service's stubs; disabled stubs are left out. */
export function buildStubIndex(stubs: readonly CompiledStub[]): StubIndex {
  return new StubIndex(stubs);
}

/**
 * The tie rule of issue 3: higher priority first, then the more specific predicate, then the newest;
 * the id settles the rest so the order never depends on load order.
 */
export function compareStubs(a: CompiledStub, b: CompiledStub): number {
  return (
    b.priority - a.priority ||
    b.request.specificity - a.request.specificity ||
    b.createdAtMs - a.createdAtMs ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

// The bucket vouches for the method; exact and template routes vouch for the path as well.
function checkFor(stub: CompiledStub): CompiledPredicate {
  const { route } = stub.request;
  return route?.kind === 'exact' || route?.kind === 'template'
    ? stub.request.rest
    : stub.request.restWithPath;
}
