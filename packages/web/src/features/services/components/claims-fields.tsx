import { Fieldset, TagsInput, TextInput } from '@mantine/core';

export const HOSTS_HINT = 'A host name: letters, digits, dots and dashes, with an optional :port';
export const PATH_PREFIX_HINT = 'Start with / and do not end with /, e.g. /payments';

export interface ClaimsValue {
  hosts: string[];
  pathPrefix: string;
}

interface ClaimsFieldsProps {
  value: ClaimsValue;
  onChange: (value: ClaimsValue) => void;
  errors: { hosts?: string; pathPrefix?: string };
}

/** How the service is reached on the mock port, where clients need no /proxy/{service} prefix. */
export function ClaimsFields({ value, onChange, errors }: ClaimsFieldsProps) {
  return (
    <Fieldset legend="Mock port (optional)" variant="filled">
      <TagsInput
        label="Host names"
        description="Calls to the mock port with one of these Host headers go to this service. Press Enter after each."
        placeholder="payments.local"
        value={value.hosts}
        onChange={(hosts) => onChange({ ...value, hosts })}
        error={errors.hosts}
        mb="sm"
      />
      <TextInput
        label="Path prefix"
        description="Calls to the mock port under this prefix go to this service; the prefix is removed before matching."
        placeholder="/payments"
        value={value.pathPrefix}
        onChange={(event) => onChange({ ...value, pathPrefix: event.currentTarget.value })}
        error={errors.pathPrefix}
      />
    </Fieldset>
  );
}

/** The claims as the API takes them: empty parts left out. */
export function toClaims({ hosts, pathPrefix }: ClaimsValue): { hosts?: string[]; pathPrefix?: string } {
  const prefix = pathPrefix.trim();
  return { ...(hosts.length > 0 && { hosts }), ...(prefix && { pathPrefix: prefix }) };
}
