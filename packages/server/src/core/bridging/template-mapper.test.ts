import { describe, expect, it } from 'vitest';
import { applyTemplate, compileTemplate } from './template-mapper.js';

const input = {
  body: { id: 42, customer: { name: 'Zoë' }, items: [{ sku: 'a' }, { sku: 'b' }], 'odd key': true },
  headers: { 'x-tenant': 'acme' },
};

describe('template mapper', () => {
  it('takes whole values with their type and interpolates text', () => {
    const compiled = compileTemplate(
      {
        orderId: '{{ body.id }}',
        first: '{{body.items[0].sku}}',
        all: '{{ body.items }}',
        who: 'for {{ body.customer.name }} of {{ headers.x-tenant }}',
        odd: '{{ body["odd key"] }}',
        fixed: [1, 'plain', null, { deep: '{{ body.id }}' }],
      },
      undefined,
      '/mapper',
    );
    expect(applyTemplate(compiled, input)).toEqual({
      body: {
        orderId: 42,
        first: 'a',
        all: [{ sku: 'a' }, { sku: 'b' }],
        who: 'for Zoë of acme',
        odd: true,
        fixed: [1, 'plain', null, { deep: 42 }],
      },
      headers: null,
    });
  });

  it('gives null (or empty text) for a path that is not there', () => {
    const compiled = compileTemplate(
      { a: '{{ body.nope.deeper }}', b: 'x{{ body.nope }}y' },
      undefined,
      '/m',
    );
    expect(applyTemplate(compiled, input).body).toEqual({ a: null, b: 'xy' });
  });

  it('templates headers as text', () => {
    const compiled = compileTemplate({}, { 'x-order': '{{ body.id }}', 'x-items': '{{ body.items }}' }, '/m');
    expect(applyTemplate(compiled, input).headers).toEqual({
      'x-order': '42',
      'x-items': '[{"sku":"a"},{"sku":"b"}]',
    });
  });

  it('points at every bad placeholder at save time', () => {
    const run = () =>
      compileTemplate(
        { a: { 'b/c': '{{ request.id }}' }, d: ['{{ body..x }}'] },
        { h: '{{ x }}' },
        '/body/mapper',
      );
    expect(run).toThrow(/Invalid template/);
    try {
      run();
    } catch (error) {
      expect((error as { details: Array<{ path: string }> }).details.map((d) => d.path)).toEqual([
        '/body/mapper/template/a/b~1c',
        '/body/mapper/template/d/0',
        '/body/mapper/headers/h',
      ]);
    }
  });
});
