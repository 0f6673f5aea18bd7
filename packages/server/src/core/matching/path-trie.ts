import { byOrder, considerEntries, type IndexEntry, type Search } from './index-entry.js';
import type { PathTemplate } from './predicates/path-template.js';
import type { RequestSnapshot } from './request-snapshot.js';

class TrieNode {
  readonly literals = new Map<string, TrieNode>();
  param: TrieNode | undefined;
  /** Segments mixing text and parameters (`{id}.json`), keyed by their template text. */
  readonly patterns = new Map<string, { readonly regex: RegExp; readonly node: TrieNode }>();
  readonly entries: IndexEntry[] = [];
  /** The best order anywhere below this node, to skip subtrees that cannot beat the current best. */
  minOrder = Number.POSITIVE_INFINITY;
}

/**
 * Template stubs filed by path segment, like a router's radix tree: a lookup walks only the branches
 * the request's own segments lead to, so its cost follows the path's length, not the stub count.
 */
export class PathTrie {
  readonly #root = new TrieNode();

  add(template: PathTemplate, entry: IndexEntry): void {
    let node = this.#root;
    for (const segment of template.segments) {
      node.minOrder = Math.min(node.minOrder, entry.order);
      node = childFor(node, segment);
    }
    node.minOrder = Math.min(node.minOrder, entry.order);
    node.entries.push(entry);
  }

  /** Sorts every entry list; call once after the last add. */
  seal(): void {
    const pending = [this.#root];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      node.entries.sort(byOrder);
      pending.push(...node.literals.values(), ...[...node.patterns.values()].map((pattern) => pattern.node));
      if (node.param) pending.push(node.param);
    }
  }

  /** Updates `search` with the best entry whose template fits the path and whose check holds. */
  search(segments: readonly string[], snapshot: RequestSnapshot, search: Search): void {
    walk(this.#root, segments, 0, snapshot, search);
  }
}

function childFor(node: TrieNode, segment: PathTemplate['segments'][number]): TrieNode {
  if (segment.kind === 'literal') {
    const child = node.literals.get(segment.text) ?? new TrieNode();
    node.literals.set(segment.text, child);
    return child;
  }
  if (segment.kind === 'param') {
    node.param ??= new TrieNode();
    return node.param;
  }
  const pattern = node.patterns.get(segment.source) ?? { regex: segment.regex, node: new TrieNode() };
  node.patterns.set(segment.source, pattern);
  return pattern.node;
}

function walk(
  node: TrieNode,
  segments: readonly string[],
  i: number,
  snapshot: RequestSnapshot,
  search: Search,
): void {
  if (node.minOrder >= search.bestOrder) return;
  if (i === segments.length) {
    considerEntries(node.entries, snapshot, search);
    return;
  }
  const segment = segments[i] as string;
  const literal = node.literals.get(segment);
  if (literal) walk(literal, segments, i + 1, snapshot, search);
  // A parameter spans one non-empty segment, as in the template's own regex.
  if (node.param && segment !== '') walk(node.param, segments, i + 1, snapshot, search);
  for (const pattern of node.patterns.values()) {
    if (pattern.regex.test(segment)) walk(pattern.node, segments, i + 1, snapshot, search);
  }
}
