import { useState } from 'react';
import type { Role, Session } from '../../../main/contract/schemas.ts';
import { ApiCallError } from '../api/client.ts';
import { useClient } from '../api/context.ts';

export function LoginForm({ role, title, onLogin }: { role: Exclude<Role, 'citizen'>; title: string; onLogin: (s: Session) => void }) {
  const client = useClient();
  const [pin, setPin] = useState('');
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The page's one <main>: the sign-in is all there is on screen until it succeeds.
  return (
    <main>
      <form
        className="staff screen login"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('login', { role, pin, ...(userId.trim() ? { userId: userId.trim().toLowerCase() } : {}) }).then(onLogin, (err: unknown) => setError(err instanceof ApiCallError ? (err.error.messageVi ?? err.message) : String(err)));
        }}
      >
        <h1>{title}</h1>
        <label>
          Mã nhân viên (nếu có) / Staff ID (if any)
          <input type="text" autoComplete="username" autoCapitalize="none" value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="user-id" />
        </label>
        <label>
          Mã PIN / PIN
          <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="pin" />
        </label>
        <button className="primary" type="submit" data-testid="login">
          Đăng nhập
        </button>
        {error && (
          <p className="error-banner" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
