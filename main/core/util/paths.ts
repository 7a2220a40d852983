import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The per-user data folder: %APPDATA%\letan on Windows, $XDG_DATA_HOME/letan or ~/.local/share/letan elsewhere. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LETAN_DATA_DIR) return env.LETAN_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'letan');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'letan');
}

/** The project root (where package.json is), from this file's location. */
export function projectRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

export function rendererDist(): string {
  return join(projectRoot(), 'dist', 'renderer');
}

/** Data the app ships (catalog, holidays, form templates, sounds). */
export function assetsDir(): string {
  return process.env.LETAN_ASSETS_DIR ?? join(projectRoot(), 'assets');
}
