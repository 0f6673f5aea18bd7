import { Type, type Static } from 'typebox';

/** One problem with the input, located by a JSON pointer into the request part it came from. */
export const ErrorDetail = Type.Object({
  path: Type.String({ description: 'JSON pointer of the offending field, e.g. /body/password' }),
  message: Type.String(),
});
export type ErrorDetail = Static<typeof ErrorDetail>;

/** The one error envelope every /internal endpoint answers with on failure. */
export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: Type.String({ description: 'What went wrong and what to fix' }),
      details: Type.Array(ErrorDetail),
    }),
  },
  { $id: 'ErrorEnvelope' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;
