import { operations, type OpName } from '../../contract/operations.ts';

export interface Route {
  op: OpName;
  method: 'GET' | 'POST';
  pattern: RegExp;
  params: string[];
}

/** HTTP routes come from the contract's table: one path per operation, `:name` segments become input fields. */
export function compileRoutes(): Route[] {
  return (Object.keys(operations) as OpName[]).map((op) => {
    const { method, path } = operations[op].http;
    const params: string[] = [];
    const source = path
      .split('/')
      .map((seg) => {
        if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(seg.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { op, method, pattern: new RegExp(`^${source}$`), params };
  });
}

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | 'method' | null {
  let wrongMethod = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      wrongMethod = true;
      continue;
    }
    const params: Record<string, string> = {};
    route.params.forEach((p, i) => {
      params[p] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return wrongMethod ? 'method' : null;
}
