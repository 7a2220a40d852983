import { type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { findPageQuad, greyFromRgba, type Quad, scaleQuad } from '../../../../drivers/camera/page-quad.ts';
import { CAMERA_JPEG_MAX_BYTES } from '../../../../main/contract/ops/scan.ts';
import { type ScanStringKey, useST } from './strings.ts';

// The kiosk's document camera: live preview with an A4 guide frame, one big "Chụp trang này", then the shot
// with the page outline found on this screen (drivers/camera, the same code the core uses when no outline
// comes) for the citizen to accept or retake. The stream is stopped when this unmounts: leaving the step,
// closing the camera, or the inactivity wipe taking the whole flow away.

export interface CameraShot {
  /** JPEG, base64 without the data: prefix. */
  image: string;
  quad: Quad | null;
}

type Phase =
  | { kind: 'starting' }
  | { kind: 'live' }
  | { kind: 'review'; url: string; shot: CameraShot; width: number; height: number }
  | { kind: 'error'; message: ScanStringKey };

/** The frame the outline is looked for in: small enough to take a few ms, big enough for 1–2 px corners. */
const DETECT_WIDTH = 480;
const QUALITIES = [0.85, 0.75, 0.65, 0.55];

/** What getUserMedia's failure means for the citizen. */
export function cameraErrorKey(err: unknown): ScanStringKey {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'cameraDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'TypeError') return 'cameraNone';
  return 'cameraBusy'; // NotReadableError, AbortError: another program has the camera, or it failed
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('the photo could not be read'));
    r.readAsDataURL(blob);
  });
}

/** The page outline in the full frame, found in a downscaled copy. */
function outlineOf(full: HTMLCanvasElement): Quad | null {
  const sw = Math.min(DETECT_WIDTH, full.width);
  const sh = Math.round((full.height * sw) / full.width);
  const small = document.createElement('canvas');
  small.width = sw;
  small.height = sh;
  const g = small.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(full, 0, 0, sw, sh);
  const found = findPageQuad(greyFromRgba(g.getImageData(0, 0, sw, sh).data, sw, sh));
  if (!found) return null;
  // Clamp: a corner on the last pixel row scales to just past the edge.
  return scaleQuad(found, full.width / sw, full.height / sh).map((p) => ({ x: Math.min(full.width, p.x), y: Math.min(full.height, p.y) })) as Quad;
}

export function CameraCapture({
  busy,
  onAccept,
  onClose,
  onUseScanner,
  onCounter,
}: {
  busy: boolean;
  /** Sends the shot; resolves true once the core took it. */
  onAccept: (shot: CameraShot) => Promise<boolean>;
  onClose: () => void;
  /** Offered when the camera fails and the kiosk also has a scanner. */
  onUseScanner: (() => void) | null;
  onCounter: () => void;
}) {
  const st = useST();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  // The stream is granted before its first frame reaches the preview; until then a photo would be empty,
  // so the shutter waits for the first frame instead of ignoring a citizen's tap.
  const [framesShown, setFramesShown] = useState(false);

  useEffect(() => {
    let alive = true;
    const stop = () => {
      for (const t of streamRef.current?.getTracks() ?? []) t.stop();
      streamRef.current = null;
    };
    setPhase({ kind: 'starting' });
    if (!navigator.mediaDevices?.getUserMedia) {
      setPhase({ kind: 'error', message: 'cameraNone' });
      return undefined;
    }
    navigator.mediaDevices.getUserMedia({ video: { width: 1920, height: 1080 }, audio: false }).then(
      (stream) => {
        if (!alive) {
          for (const t of stream.getTracks()) t.stop();
          return;
        }
        streamRef.current = stream;
        setPhase({ kind: 'live' });
      },
      (err: unknown) => {
        console.warn('camera unavailable', err instanceof Error ? err.name : err);
        if (alive) setPhase({ kind: 'error', message: cameraErrorKey(err) });
      },
    );
    return () => {
      alive = false;
      stop();
    };
  }, [attempt]);

  // The stream goes to the preview once the <video> is on screen (it is not while an error is shown).
  const live = phase.kind === 'live';
  useEffect(() => {
    const v = videoRef.current;
    const stream = streamRef.current;
    if (!live || !v || !stream || v.srcObject === stream) return;
    setFramesShown(false);
    v.srcObject = stream;
    v.play().catch((err: unknown) => console.warn('camera preview did not start', err));
  }, [live]);

  // The review's object URL is the citizen's paper: revoked as soon as it is off screen.
  const reviewUrl = phase.kind === 'review' ? phase.url : null;
  useEffect(() => () => {
    if (reviewUrl) URL.revokeObjectURL(reviewUrl);
  }, [reviewUrl]);

  const shoot = useCallback(async () => {
    const v = videoRef.current;
    if (!v || !v.videoWidth) return;
    const full = document.createElement('canvas');
    full.width = v.videoWidth;
    full.height = v.videoHeight;
    const g = full.getContext('2d', { willReadFrequently: true });
    if (!g) return;
    g.drawImage(v, 0, 0);
    const quad = outlineOf(full);
    // Within the JSON body the core accepts: a lower quality until the photo fits.
    let blob: Blob | null = null;
    for (const q of QUALITIES) {
      blob = await toBlob(full, q);
      if (blob && blob.size <= CAMERA_JPEG_MAX_BYTES) break;
    }
    if (!blob || blob.size > CAMERA_JPEG_MAX_BYTES) {
      setPhase({ kind: 'error', message: 'cameraTooLarge' });
      return;
    }
    const image = await base64Of(blob);
    setPhase({ kind: 'review', url: URL.createObjectURL(blob), shot: { image, quad }, width: full.width, height: full.height });
  }, []);

  const box: CSSProperties = { position: 'relative', width: '100%', maxWidth: 960, margin: '0.5em auto', background: '#111', borderRadius: 12, overflow: 'hidden', aspectRatio: '16 / 9' };
  const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain' };

  if (phase.kind === 'error') {
    return (
      <div className="scan-problem" role="alert" data-testid="camera-error" data-problem={phase.message}>
        <p className="scan-problem-text">{st(phase.message)}</p>
        <div className="choice-row">
          <button type="button" className="tile tile-primary scan-small-tile" onClick={() => setAttempt((n) => n + 1)} data-testid="camera-again">
            {st('cameraTryAgain')}
          </button>
          {onUseScanner && (
            <button type="button" className="tile scan-small-tile" onClick={onUseScanner} data-testid="camera-use-scanner">
              {st('useScanner')}
            </button>
          )}
          <button type="button" className="tile scan-small-tile" onClick={onClose} data-testid="camera-continue">
            {st('continueWithout')}
          </button>
          <button type="button" className="tile scan-small-tile" onClick={onCounter} data-testid="camera-counter">
            {st('counter')}
          </button>
        </div>
      </div>
    );
  }

  const review = phase.kind === 'review' ? phase : null;
  return (
    <div className="camera-capture" data-testid="camera" data-phase={phase.kind}>
      <p className="lead">{review ? (review.shot.quad ? st('cameraCheck') : st('cameraNoEdges')) : st('placeCamera')}</p>
      <div style={box}>
        {/* Kept mounted during the review so "Chụp lại" is instant. */}
        <video ref={videoRef} muted playsInline onLoadedData={() => setFramesShown(true)} data-frames={framesShown ? 'shown' : 'none'} style={{ ...fill, visibility: review ? 'hidden' : 'visible' }} data-testid="camera-preview" />
        {!review && (
          // The guide: an A4 page, upright, filling the height.
          <div aria-hidden="true" style={{ position: 'absolute', top: '4%', bottom: '4%', left: '50%', aspectRatio: '210 / 297', transform: 'translateX(-50%)', border: '4px dashed #7fd18b', borderRadius: 6 }} />
        )}
        {review && (
          <>
            <img src={review.url} alt="" style={fill} data-testid="camera-shot" />
            <svg viewBox={`0 0 ${review.width} ${review.height}`} preserveAspectRatio="xMidYMid meet" style={fill} aria-hidden="true">
              {review.shot.quad && (
                <polygon
                  points={review.shot.quad.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="rgba(40, 200, 90, 0.12)"
                  stroke="#28c85a"
                  strokeWidth={Math.max(4, review.width / 240)}
                  strokeLinejoin="round"
                  data-testid="camera-outline"
                />
              )}
            </svg>
          </>
        )}
      </div>
      {phase.kind === 'starting' && <p className="scan-progress">{st('cameraStarting')}</p>}
      {review ? (
        <div className="choice-row">
          <button
            type="button"
            className="tile tile-primary scan-small-tile"
            disabled={busy}
            onClick={() => void onAccept(review.shot)}
            data-testid="camera-accept"
          >
            {busy ? st('cameraSending') : st('cameraAccept')}
          </button>
          <button type="button" className="tile scan-small-tile" disabled={busy} onClick={() => setPhase({ kind: 'live' })} data-testid="camera-retake">
            {st('cameraRetake')}
          </button>
        </div>
      ) : (
        <div className="choice-row">
          <button type="button" className="tile tile-primary scan-big" disabled={phase.kind !== 'live' || !framesShown} onClick={() => void shoot()} data-testid="camera-shoot">
            📷 {st('cameraShoot')}
          </button>
        </div>
      )}
      <button type="button" className="link-button" disabled={busy} onClick={onClose} data-testid="camera-close">
        {st('cameraClose')}
      </button>
    </div>
  );
}
