// Errors a technician can act on: a stable code plus a precise English message.
export type PrinterErrorCode =
  | 'not-connected' // port closed / device absent
  | 'disconnected' // the line went away while writing
  | 'write-failed'
  | 'paper-out'
  | 'cover-open'
  | 'printer-error' // cutter / unrecoverable / offline reported by the printer
  | 'status-timeout' // printer did not answer DLE EOT
  | 'encode-failed'
  | 'closed'; // driver closed by the core

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The document cannot be expressed for this printer (e.g. non-ASCII barcode data). */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
}
