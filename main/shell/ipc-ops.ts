import type { OpName } from '../contract/operations.ts';

/**
 * Operations the kiosk window may call over IPC: the citizen's, nothing staff-only. The preload exposes
 * exactly these (tests/unit/preload.test.ts keeps the two lists equal).
 */
export const KIOSK_IPC_OPS = [
  'kioskInfo',
  'getCatalog',
  'listServices',
  'issueTicket',
  'ticketStatus',
  'reprintTicket',
  'queueSnapshot',
  'submitDossier',
  'dossierStatus',
  'scanSources',
  'startScan',
  'scanMore',
  'scanSession',
  'addCameraPage',
  'correctField',
  'removePage',
  'finishScan',
  'discardScan',
] as const satisfies readonly OpName[];
