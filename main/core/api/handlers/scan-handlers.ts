import { CAMERA_JPEG_MAX_BYTES, type scanOps } from '../../../contract/ops/scan.ts';
import { AppError } from '../../../contract/result.ts';
import type { ScanService } from '../../scan/scan-service.ts';
import type { CallContext, HandlersFor } from '../dispatch.ts';
import { isKioskOrigin } from '../../util/net.ts';


function kioskOnly(ctx: CallContext): void {
  if (!isKioskOrigin(ctx.origin)) {
    throw new AppError('forbidden', 'scanning is only available on the kiosk itself', 'Chức năng quét giấy tờ chỉ dùng tại ki-ốt.');
  }
}

export function createScanHandlers(d: { scans: ScanService }): HandlersFor<typeof scanOps> {
  return {
    scanSources: ({ procedureId }, ctx) => {
      kioskOnly(ctx);
      d.scans.warm();
      const t = d.scans.templateFor(procedureId);
      return { sources: d.scans.sources(), templateId: t?.id ?? null, templateTitle: t?.title ?? null };
    },
    startScan: (input, ctx) => {
      kioskOnly(ctx);
      return d.scans.start(input);
    },
    scanMore: ({ sessionId }, ctx) => {
      kioskOnly(ctx);
      return d.scans.more(sessionId);
    },
    scanSession: ({ sessionId }, ctx) => {
      kioskOnly(ctx);
      return d.scans.view(sessionId);
    },
    addCameraPage: async ({ sessionId, image, quad }, ctx) => {
      kioskOnly(ctx);
      const jpeg = Buffer.from(image, 'base64');
      if (jpeg.length > CAMERA_JPEG_MAX_BYTES) {
        throw new AppError('bad_request', `image: larger than ${CAMERA_JPEG_MAX_BYTES} bytes`, 'Ảnh chụp quá lớn. Quý vị vui lòng chụp lại.');
      }
      return d.scans.addCamera(sessionId, jpeg, quad ?? null);
    },
    correctField: ({ sessionId, field, value }, ctx) => {
      kioskOnly(ctx);
      return d.scans.correct(sessionId, field, value);
    },
    removePage: ({ sessionId, pageId }, ctx) => {
      kioskOnly(ctx);
      return d.scans.removePage(sessionId, pageId);
    },
    finishScan: ({ sessionId }, ctx) => {
      kioskOnly(ctx);
      return d.scans.finish(sessionId);
    },
    discardScan: ({ sessionId }, ctx) => {
      kioskOnly(ctx);
      return d.scans.discard(sessionId);
    },
  };
}
