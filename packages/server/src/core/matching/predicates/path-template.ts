import { textDistance } from '../distance.js';

/** One `/`-separated piece of a template: fixed text, a whole-segment `{param}`, or a mix like `{id}.json`. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'pattern'; readonly source: string; readonly regex: RegExp };

/**
 * A parsed path template such as `/orders/{id}`; parameters never span a `/`. Within a segment they
 * are greedy, so `{name}.{ext}` reads `report.v2.json` as report.v2 + json.
 */
export interface PathTemplate {
  readonly source: string;
  readonly segments: readonly TemplateSegment[];
  /** Share of segments that are fixed text, for specificity. */
  readonly literalShare: number;
  matches(path: string): boolean;
  /** The parameter values (percent-decoded), or undefined when the path does not match. */
  extract(path: string): Readonly<Record<string, string>> | undefined;
  /** Segment by segment: the share of segments that differ. */
  distance(path: string): number;
}

const PARAM = /\{([^{}]*)\}/g;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a template, or returns why it is not one. */
export function parsePathTemplate(source: string): PathTemplate | string {
  if (!source.startsWith('/')) return 'must start with /';
  const names: string[] = [];
  const segments: TemplateSegment[] = [];
  for (const piece of source.split('/')) {
    const segment = parseSegment(piece, names);
    if (typeof segment === 'string') return segment;
    segments.push(segment);
  }
  const regex = new RegExp(`^${segments.map(segmentPattern).join('/')}$`);
  // The first segment is always the empty text before the leading slash: it says nothing specific.
  const literals = segments.filter((segment) => segment.kind === 'literal').length - 1;
  return {
    source,
    segments,
    literalShare: literals / (segments.length - 1),
    matches: (path) => regex.test(path),
    extract: (path) => extractParams(regex, names, path),
    distance: (path) => segmentDistance(segments, path),
  };
}

function parseSegment(piece: string, names: string[]): TemplateSegment | string {
  const outside = piece.replace(PARAM, '');
  if (outside.includes('{') || outside.includes('}')) return `has an unbalanced brace in "${piece}"`;
  if (/\}\{/.test(piece)) return `has two parameters with nothing between them in "${piece}"`;
  const found = [...piece.matchAll(PARAM)].map((match) => match[1] ?? '');
  for (const name of found) {
    if (!PARAM_NAME.test(name) || name === '__proto__') {
      return `has an invalid parameter name "{${name}}" (use letters, digits, _)`;
    }
    if (names.includes(name)) return `uses the parameter {${name}} twice`;
    names.push(name);
  }
  if (found.length === 0) return { kind: 'literal', text: piece };
  if (found.length === 1 && piece === `{${found[0]}}`) return { kind: 'param', name: found[0] ?? '' };
  return { kind: 'pattern', source: piece, regex: new RegExp(`^${mixedPattern(piece)}$`) };
}

function segmentPattern(segment: TemplateSegment): string {
  if (segment.kind === 'literal') return escapeRegex(segment.text);
  if (segment.kind === 'param') return '([^/]+)';
  return mixedPattern(segment.source);
}

function mixedPattern(piece: string): string {
  return piece
    .split(PARAM)
    .map((part, i) => (i % 2 === 1 ? '([^/]+)' : escapeRegex(part)))
    .join('');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function extractParams(
  regex: RegExp,
  names: readonly string[],
  path: string,
): Record<string, string> | undefined {
  const match = regex.exec(path);
  if (match === null) return undefined;
  // A plain object, filled in template order, stays a fast-properties object; parsePathTemplate
  // refuses the one name (__proto__) that would not become an own property.
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) params[names[i] as string] = decodeParam(match[i + 1] ?? '');
  return params;
}

function decodeParam(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape (e.g. "%E0%A4%A") is still a value the handler should see, so keep it raw.
    return raw;
  }
}

function segmentDistance(segments: readonly TemplateSegment[], path: string): number {
  const pieces = path.split('/');
  const length = Math.max(segments.length, pieces.length);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const segment = segments[i];
    const piece = pieces[i];
    if (segment === undefined || piece === undefined) total += 1;
    else if (segment.kind === 'literal') total += textDistance(segment.text, piece);
    else if (segment.kind === 'param') total += piece === '' ? 1 : 0;
    else total += segment.regex.test(piece) ? 0 : 1;
  }
  return total / length;
}
