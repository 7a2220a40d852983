import { z } from 'zod';
import { op } from './define.ts';

// Scanning the citizen's papers at the kiosk: a scan session collects pages from the document scanner (SANE
// or a scan-to-folder hot folder), reads them (OCR: full text, and a form's fields when a template applies),
// and, once the citizen has checked the fields, is handed to submitDossier by its id. Page images and text
// are personal data: these operations answer only the kiosk itself (IPC, or a page on the kiosk machine).

/** Random, unguessable; the only handle on a session (also DossierInput.scanSessionId). */
export const ScanSessionId = z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, 'sessionId: the scan session id');
/** sane / hotfolder: the document scanner; camera: the kiosk's document camera (photos sent by the kiosk screen). */
export const ScanSource = z.enum(['sane', 'hotfolder', 'camera']);
export type ScanSource = z.infer<typeof ScanSource>;

export const ScanWayOn = z.enum(['retry', 'continue', 'counter']);

export const ScanProblemView = z.object({
  /** jam, feeder-empty, cover-open, unplugged, error, no-pages. */
  problem: z.string(),
  message: z.string(),
  messageEn: z.string(),
  /** Staff must act before the scanner works again (a jam, an unplugged cable). */
  blocking: z.boolean(),
  /** What the citizen can do now; pages already scanned are kept whatever they choose. */
  wayOn: z.array(ScanWayOn),
});

export const ScanField = z.object({
  name: z.string(),
  /** The label printed on the form (Vietnamese). */
  label: z.string(),
  type: z.string(),
  value: z.union([z.string(), z.boolean()]),
  /** 0–100 (100 for the citizen's own correction). */
  confidence: z.number(),
  valid: z.boolean(),
  /** Invalid or read with low confidence: highlighted for the citizen to check. */
  flagged: z.boolean(),
  reason: z.string().nullable(),
  /** A likely spelling from the name and place lists when only a tone mark differs (e.g. NGUYÊN → NGUYỄN). */
  suggestion: z.string().nullable(),
  /** Changed or confirmed by the citizen. */
  corrected: z.boolean(),
  /** Always shown for an explicit confirmation (capital letters with tone marks are OCR's weak spot). */
  mustConfirm: z.boolean(),
  pageId: z.string(),
});
export type ScanField = z.infer<typeof ScanField>;

export const ScanPage = z.object({
  pageId: z.string(),
  /** 1-based, in scanning order (after removals). */
  number: z.number().int(),
  state: z.enum(['reading', 'read', 'failed']),
  /** Kiosk-only image links (random path, served to the kiosk machine only). */
  imageUrl: z.string(),
  thumbUrl: z.string(),
  text: z.string(),
  confidence: z.number(),
  /** The form template the page was read against; null: a page without a form (its text is kept). */
  templateId: z.string().nullable(),
  error: z.string().nullable(),
});
export type ScanPage = z.infer<typeof ScanPage>;

export const ScanSessionView = z.object({
  sessionId: z.string(),
  source: ScanSource,
  /** idle: waiting for the citizen to tap Quét; scanning: the scanner is feeding; reading: OCR still running. */
  state: z.enum(['idle', 'scanning', 'reading', 'ready', 'problem', 'finished']),
  procedureId: z.string().nullable(),
  templateId: z.string().nullable(),
  templateTitle: z.string().nullable(),
  /** The page being scanned and its progress, while scanning. */
  progress: z.object({ page: z.number().int(), percent: z.number() }).nullable(),
  pages: z.array(ScanPage),
  /** Pages received from the scanner and still being cleaned up (not in `pages` yet). */
  queued: z.number().int(),
  /** The form's fields, in the form's order, from the first page that matched the template. */
  fields: z.array(ScanField),
  problem: ScanProblemView.nullable(),
  expiresAt: z.string(),
});
export type ScanSessionView = z.infer<typeof ScanSessionView>;

/**
 * A document-camera photo goes as base64 JPEG inside the JSON body, which the HTTP API caps at 1 MiB: 740 000
 * bytes of JPEG are 986 668 base64 characters, leaving room for the rest of the body. The kiosk re-encodes
 * a larger shot at a lower quality before sending.
 */
export const CAMERA_JPEG_MAX_BYTES = 740_000;
export const CAMERA_BASE64_MAX_CHARS = Math.ceil(CAMERA_JPEG_MAX_BYTES / 3) * 4;

const CameraPoint = z.strictObject({ x: z.number().finite().min(0).max(10_000), y: z.number().finite().min(0).max(10_000) });
/** The page's corners in the photo's pixels: top-left, top-right, bottom-right, bottom-left. */
export const CameraQuad = z.tuple([CameraPoint, CameraPoint, CameraPoint, CameraPoint]);

export const CameraCapture = z.object({
  /** The photo was straightened (perspective corrected) to the page's outline. */
  rectified: z.boolean(),
  /** The outline used: the kiosk's, or the one the core found; null: the whole photo was kept. */
  quad: CameraQuad.nullable(),
  /** Size of the page image handed to clean-up and OCR. */
  width: z.number().int(),
  height: z.number().int(),
});

const kioskOnly = ['citizen'] as const;
const bySession = z.strictObject({ sessionId: ScanSessionId });

export const scanOps = {
  scanSources: op({
    input: z.strictObject({ procedureId: z.string().trim().min(1).max(64).optional() }),
    output: z.object({ sources: z.array(ScanSource), templateId: z.string().nullable(), templateTitle: z.string().nullable() }),
    roles: kioskOnly,
    http: { method: 'GET', path: '/api/scan/sources' },
    mutates: false,
  }),
  startScan: op({
    input: z.strictObject({
      procedureId: z.string().trim().min(1).max(64).optional(),
      templateId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
      source: ScanSource,
    }),
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions' },
    mutates: true,
  }),
  /** Another batch in the same session (the "retry" after a problem, or more pages); earlier pages stay. */
  scanMore: op({
    input: bySession,
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/more' },
    mutates: true,
  }),
  scanSession: op({
    input: bySession,
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'GET', path: '/api/scan/sessions/:sessionId' },
    mutates: false,
  }),
  correctField: op({
    input: z.strictObject({
      sessionId: ScanSessionId,
      field: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
      value: z.union([z.string().max(500), z.boolean()]),
    }),
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/fields' },
    mutates: true,
  }),
  removePage: op({
    input: z.strictObject({ sessionId: ScanSessionId, pageId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) }),
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/pages/:pageId/remove' },
    mutates: true,
  }),
  /** The citizen confirms the pages and the fields as shown; submitDossier then takes the session. */
  finishScan: op({
    input: bySession,
    output: ScanSessionView,
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/finish' },
    mutates: true,
  }),
  /**
   * A page photographed by the kiosk's document camera: straightened to `quad` (or to the outline the core
   * finds when none is given), then cleaned up and read like a scanned page. Any session takes camera pages;
   * one started with source 'camera' takes nothing else.
   */
  addCameraPage: op({
    input: z.strictObject({
      sessionId: ScanSessionId,
      image: z
        .string()
        .min(100, 'image: not a photo')
        .max(CAMERA_BASE64_MAX_CHARS, `image: the photo is larger than ${CAMERA_JPEG_MAX_BYTES} bytes of JPEG`)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'image: base64 JPEG expected'),
      quad: CameraQuad.optional(),
    }),
    output: ScanSessionView.extend({ capture: CameraCapture }),
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/camera' },
    mutates: true,
  }),
  /** Forgets the session and deletes its pages (leaving the flow, the inactivity wipe). */
  discardScan: op({
    input: bySession,
    output: z.object({ discarded: z.boolean() }),
    roles: kioskOnly,
    http: { method: 'POST', path: '/api/scan/sessions/:sessionId/discard' },
    mutates: true,
  }),
} as const;
