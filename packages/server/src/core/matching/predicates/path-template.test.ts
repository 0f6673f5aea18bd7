import { describe, expect, it } from 'vitest';
import { parsePathTemplate, type PathTemplate } from './path-template.js';

function parse(source: string): PathTemplate {
  const template = parsePathTemplate(source);
  if (typeof template === 'string') throw new Error(template);
  return template;
}

describe('parsePathTemplate', () => {
  it('splits a template into literal, parameter and mixed segments', () => {
    expect(parse('/orders/{id}/file.{ext}').segments.map((segment) => segment.kind)).toEqual([
      'literal',
      'literal',
      'param',
      'pattern',
    ]);
  });

  it('extracts percent-decoded parameters, keeping malformed escapes raw', () => {
    expect({ ...parse('/u/{name}').extract('/u/ada%20lovelace') }).toEqual({ name: 'ada lovelace' });
    expect({ ...parse('/u/{name}').extract('/u/100%') }).toEqual({ name: '100%' });
  });

  it('escapes regex characters in literal segments', () => {
    expect(parse('/a.b/{x}').matches('/a.b/1')).toBe(true);
    expect(parse('/a.b/{x}').matches('/aXb/1')).toBe(false);
  });

  it('does not match a different number of segments', () => {
    expect(parse('/a/{x}').extract('/a/1/2')).toBeUndefined();
    expect(parse('/a/{x}').matches('/a')).toBe(false);
  });

  it('measures distance segment by segment', () => {
    const template = parse('/orders/{id}');
    expect(template.distance('/orders/1')).toBe(0);
    expect(template.distance('/orders/1/items')).toBeCloseTo(1 / 4);
    expect(template.distance('/users/1')).toBeGreaterThan(0);
  });

  it('rates how literal a template is', () => {
    expect(parse('/orders/{id}').literalShare).toBe(0.5);
    expect(parse('/{a}/{b}').literalShare).toBe(0);
  });

  it.each([
    ['orders/{id}', /must start with \//],
    ['/orders/{id', /unbalanced brace/],
    ['/orders/id}', /unbalanced brace/],
    ['/a/{}', /invalid parameter name/],
    ['/a/{1x}', /invalid parameter name/],
    ['/{a}/{a}', /twice/],
    ['/{a}{b}', /nothing between them/],
  ])('refuses %s', (source, message) => {
    expect(parsePathTemplate(source)).toMatch(message);
  });
});
