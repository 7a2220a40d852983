import { useEffect, useState } from 'react';
import type { DeviceListing } from '../../../../main/contract/ops/technician.ts';
import { ApiCallError } from '../../api/client.ts';
import { useClient } from '../../api/context.ts';

type Role = 'ticket-printer' | 'qr-scanner' | 'mrz-reader' | 'document-scanner';
const ROLES: { id: Role; label: string; defaultId: string }[] = [
  { id: 'ticket-printer', label: 'Máy in vé / Ticket printer', defaultId: 'printer-1' },
  { id: 'qr-scanner', label: 'Máy quét QR / QR scanner', defaultId: 'qr-1' },
  { id: 'mrz-reader', label: 'Đầu đọc MRZ / MRZ reader', defaultId: 'mrz-1' },
  { id: 'document-scanner', label: 'Máy quét tài liệu / Document scanner', defaultId: 'docscan-1' },
];

/** Give a port (or HID / SANE device) a role; the core applies it at once and saves it to the config file. */
export function AssignForm({ listing, chosenPath, onDone }: { listing: DeviceListing | null; chosenPath: string; onDone: (msg: string | null, err: string | null) => void }) {
  const client = useClient();
  const [role, setRole] = useState<Role>('ticket-printer');
  const [id, setId] = useState('printer-1');
  const [path, setPath] = useState(chosenPath);
  const [profile, setProfile] = useState('generic-80');
  const [usb, setUsb] = useState('');
  const [saneDevice, setSaneDevice] = useState('');
  useEffect(() => setPath(chosenPath), [chosenPath]);

  const submit = async () => {
    const [vendorId, productId] = usb.split(':');
    const input =
      role === 'ticket-printer'
        ? { role, id, path, profile }
        : role === 'qr-scanner'
          ? path
            ? { role, id, path }
            : { role, id, vendorId: vendorId ?? '', productId: productId ?? '' }
          : role === 'mrz-reader'
            ? { role, id, path }
            : { role, id, device: saneDevice };
    try {
      const r = await client.call('assignDevice', input);
      onDone(`Đã áp dụng, đã lưu vào ${r.configPath} / Applied and saved. Khởi động / started: ${r.started.join(', ') || '—'}; dừng / stopped: ${r.stopped.join(', ') || '—'}`, null);
    } catch (e) {
      onDone(null, e instanceof ApiCallError ? `${e.error.messageVi ?? ''} (${e.message})` : String(e));
    }
  };

  return (
    <form
      className="assign"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Vai trò / Role
        <select
          value={role}
          data-testid="assign-role"
          onChange={(e) => {
            const r = e.target.value as Role;
            setRole(r);
            setId(ROLES.find((x) => x.id === r)!.defaultId);
          }}
        >
          {ROLES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Mã thiết bị / Device id
        <input value={id} onChange={(e) => setId(e.target.value)} data-testid="assign-id" />
      </label>
      {role !== 'document-scanner' && (
        <label>
          Cổng COM / Serial port
          <input value={path} onChange={(e) => setPath(e.target.value)} list="serial-ports" placeholder="/dev/serial/by-id/…" data-testid="assign-path" />
          <datalist id="serial-ports">
            {listing?.serial.ports.map((p) => <option key={p.path} value={p.byId ?? p.path} />)}
          </datalist>
        </label>
      )}
      {role === 'ticket-printer' && (
        <label>
          Mẫu máy in / Printer profile
          <select value={profile} onChange={(e) => setProfile(e.target.value)} data-testid="assign-profile">
            {(listing?.profiles ?? [{ id: 'generic-80', name: 'generic-80', widthMm: 80 }]).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} — {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {role === 'qr-scanner' && (
        <label>
          Hoặc HID POS (vendor:product) / Or HID POS
          <select value={usb} onChange={(e) => setUsb(e.target.value)} data-testid="assign-hid">
            <option value="">—</option>
            {listing?.hid.devices.map((h) => (
              <option key={`${h.vendorId}:${h.productId}:${h.path ?? ''}`} value={`${h.vendorId}:${h.productId}`}>
                {h.vendorId}:{h.productId} {h.product ?? ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {role === 'document-scanner' && (
        <label>
          Thiết bị SANE / SANE device
          <input value={saneDevice} onChange={(e) => setSaneDevice(e.target.value)} list="sane-devices" data-testid="assign-sane" />
          <datalist id="sane-devices">
            {listing?.sane.devices.map((d) => <option key={d.name} value={d.name} />)}
          </datalist>
        </label>
      )}
      <button className="primary" type="submit" data-testid="assign-submit">
        Áp dụng / Apply
      </button>
    </form>
  );
}
