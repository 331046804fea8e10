import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../../types';

// The vendor's documented error texts, with the support references its docs show.
export const ERRORS = {
  notEnabled: ['Audit search is not enabled for this tenant. Please contact Perfecto administrator to enable audit search logs.', '0d53607ba9ec46c39e1b2657ca83cf90'],
  notPermitted: ['operation for getting audit logs is not permitted for current user', 'e47ee6ea72b3406ea054e7fbe088914b'],
  status: ['Status should be success or failure', '7317780cee0443af842944180832e96c'],
  resourceType: ['Resource type should be one of the resource types. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  action: ['Action should be one of the allowed actions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  description: ['Description should be one of the allowed descriptions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
  actorType: ["Actor type should be either 'admin' or 'user'", 'aa2788defb2d4dad8f586863bddc7269'],
  timestamp: ['Timestamp should be in ISO8601 format', 'aa2788defb2d4dad8f586863bddc7269'],
} as const;

export interface ErrorItem { userMessage: string; developerMessage: string }

export function documented(kind: keyof typeof ERRORS): ErrorItem {
  const [userMessage, developerMessage] = ERRORS[kind];
  return { userMessage, developerMessage };
}

/** An error the docs do not show verbatim: same shape, a fresh support reference. */
export function undocumented(userMessage: string): ErrorItem {
  return { userMessage, developerMessage: randomBytes(16).toString('hex') };
}

export function errors(status: number, items: ErrorItem[]): EmulatorResponse {
  return { status, body: items };
}
