// Electron's entry point. The shell and the core run from their TypeScript sources through tsx, exactly as
// the headless `letan` command does, so there is one build of the core, not two.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
