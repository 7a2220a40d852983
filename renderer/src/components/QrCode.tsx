import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code drawn as inline SVG (no network, no canvas). */
export function QrCode({ data, size = 220, label }: { data: string; size?: number; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toString(data, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
      (s) => alive && setSvg(s),
      (err: unknown) => console.warn('QR rendering failed', err),
    );
    return () => {
      alive = false;
    };
  }, [data]);
  return <div className="qr" role="img" aria-label={label} style={{ width: size, height: size }} dangerouslySetInnerHTML={{ __html: svg ?? '' }} data-qr={data} />;
}
