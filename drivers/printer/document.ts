// What the core asks a printer to print: a device-independent document.
// The ESC/POS encoder turns it into bytes for one printer profile; the transport moves the bytes.
export type Align = 'left' | 'center' | 'right';

export type PrintBlock =
  | {
      kind: 'text';
      text: string;
      align?: Align;
      bold?: boolean;
      size?: 1 | 2;
      /** Technician test page only: force this line to raster, or to a named code page ('tcvn3', 'cp1258'). */
      render?: 'raster' | 'codepage' | { codePage: string };
    }
  | { kind: 'big'; text: string } // the ticket number: large native ASCII text
  | { kind: 'qr'; data: string; moduleSize?: number }
  | { kind: 'barcode'; data: string } // CODE128
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface PrintDocument {
  blocks: PrintBlock[];
}

/** How a printer that the core drives looks from the core. */
export interface TicketPrinter {
  readonly id: string;
  /** Resolves once the last byte has been written; rejects with a PrinterError if it could not be printed. */
  print(doc: PrintDocument): Promise<void>;
}
