import { paths, servicePaths } from '../../../config/paths';

/** The Recorded tab of a service: recordings waiting for review. */
export const recordedPath = (service: string) => `${paths.services}/${encodeURIComponent(service)}/recorded`;

/** The stub editor, coming back to the Recorded tab once the stub is saved. */
export const editRecordedPath = (service: string, id: string) =>
  `${servicePaths.stub(service, id)}?back=recorded`;
