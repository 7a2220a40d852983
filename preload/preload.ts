// The kiosk window's only door to the core: one named method per contract operation, nothing generic.
// Sandboxed preloads may require nothing but 'electron', so the names are listed here and a test checks
// them against the contract.
import { contextBridge, ipcRenderer } from 'electron';

const call = (op: string) => (input: unknown) => ipcRenderer.invoke(`letan:${op}`, input);

contextBridge.exposeInMainWorld('letan', {
  kioskInfo: call('kioskInfo'),
  getCatalog: call('getCatalog'),
  listServices: call('listServices'),
  issueTicket: call('issueTicket'),
  ticketStatus: call('ticketStatus'),
  reprintTicket: call('reprintTicket'),
  queueSnapshot: call('queueSnapshot'),
  submitDossier: call('submitDossier'),
  dossierStatus: call('dossierStatus'),
  scanSources: call('scanSources'),
  startScan: call('startScan'),
  scanMore: call('scanMore'),
  scanSession: call('scanSession'),
  addCameraPage: call('addCameraPage'),
  correctField: call('correctField'),
  removePage: call('removePage'),
  finishScan: call('finishScan'),
  discardScan: call('discardScan'),
  onEvent(listener: (e: unknown) => void) {
    const handler = (_: unknown, e: unknown) => listener(e);
    ipcRenderer.on('letan:event', handler);
    return () => ipcRenderer.removeListener('letan:event', handler);
  },
});
