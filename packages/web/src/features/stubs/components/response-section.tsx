import { SegmentedControl, Stack } from '@mantine/core';
import type { ResponseForm, ResponseKind } from '../utils/response-form';
import type { ErrorAt } from './error-at';
import { ProxyResponseFields } from './proxy-response-fields';
import { PythonResponseFields } from './python-response-fields';
import { StaticResponseFields } from './static-response-fields';

const KINDS: { value: ResponseKind; label: string }[] = [
  { value: 'static', label: 'Fixed response' },
  { value: 'python', label: 'Python handler' },
  { value: 'proxy', label: 'Forward to upstream' },
];

interface ResponseSectionProps {
  value: ResponseForm;
  onChange: (value: ResponseForm) => void;
  errorAt: ErrorAt;
}

/** How the stub answers: a fixed response, a Python handler, or the real service. */
export function ResponseSection({ value, onChange, errorAt }: ResponseSectionProps) {
  // Each kind has its own fields; keys of another kind would make the server refuse the stub.
  const setKind = (kind: string) => onChange({ ...value, kind: kind as ResponseKind, preserved: {} });
  return (
    <Stack gap="md">
      <SegmentedControl aria-label="Response kind" data={KINDS} value={value.kind} onChange={setKind} />
      {value.kind === 'static' && (
        <StaticResponseFields
          value={value.static}
          onChange={(s) => onChange({ ...value, static: s })}
          errorAt={errorAt}
        />
      )}
      {value.kind === 'python' && (
        <PythonResponseFields
          value={value.python}
          onChange={(python) => onChange({ ...value, python })}
          errorAt={errorAt}
        />
      )}
      {value.kind === 'proxy' && (
        <ProxyResponseFields
          value={value.proxy}
          onChange={(proxy) => onChange({ ...value, proxy })}
          errorAt={errorAt}
        />
      )}
    </Stack>
  );
}
