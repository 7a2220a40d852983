// The one identity shape every reader (CCCD QR, TD1 card MRZ, TD3 passport MRZ) produces.
export type IdentitySource = 'cccd-qr' | 'mrz-td1' | 'mrz-td3';

export interface Identity {
  source: IdentitySource;
  /** 12-digit personal identification number (số định danh cá nhân) when the document carries it. */
  idNumber: string | null;
  /** Number of the document itself: the 12-digit ID on a CCCD QR, the MRZ document number otherwise. */
  documentNumber: string;
  /** Old 9- or 12-digit CMND printed in the CCCD QR, when present. */
  oldIdNumber: string | null;
  /** NFC-normalised; MRZ names are upper-case Latin without diacritics (that is all the MRZ can hold). */
  fullName: string;
  /** ISO yyyy-mm-dd. */
  dateOfBirth: string;
  issueDate: string | null;
  expiryDate: string | null;
  sex: 'M' | 'F' | null;
  /** ICAO 3-letter code as in the MRZ (fillers removed, e.g. `D` for Germany); `VNM` for a CCCD QR. */
  nationality: string;
  address: string | null;
}

export interface ParseOptions {
  /**
   * "Today" as ISO yyyy-mm-dd: dates of birth and issue may not be after it, and a 2-digit MRZ birth year
   * is placed in the latest century that does not put it in the future. Defaults to the local date.
   */
  today?: string;
}
