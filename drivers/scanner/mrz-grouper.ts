/**
 * Groups MRZ lines arriving one by one (readers that send CR/LF-separated lines without a block start/end
 * byte) into one payload per document. Pure. A group starts at a line that can only be a first line
 * (TD1: 30 chars, A/C/I + state; TD3: 44 chars, P + state); an interrupted group is emitted as it is, so
 * the parser reports it and the next document still groups correctly.
 */
export interface MrzGrouper {
  push(line: string): string[];
  /** Give up on a half-read document (the reader went quiet): returns it, or null if nothing is pending. */
  flush(): string | null;
}

const TD1_FIRST = /^[ACI][A-Z<][A-Z<]{3}[A-Z0-9<]{25}$/;
const TD1_SECOND = /^[0-9<]{6}[0-9][A-Z<]/;
const TD3_FIRST = /^P[A-Z<][A-Z<]{3}[A-Z0-9<]{39}$/;

/** A name line is letters and fillers only; a first line that has digits must be a new document. */
function looksLikeNewTd1(line: string): boolean {
  return !/^[A-Z<]+$/.test(line) && TD1_FIRST.test(line);
}

export function createMrzGrouper(): MrzGrouper {
  let group: string[] = [];
  let kind: 'TD1' | 'TD3' | null = null;

  function start(line: string, out: string[]): void {
    if (line.length === 30 && TD1_FIRST.test(line)) {
      group = [line];
      kind = 'TD1';
    } else if (line.length === 44 && TD3_FIRST.test(line)) {
      group = [line];
      kind = 'TD3';
    } else {
      out.push(line); // a stray line: let the parser say what is wrong with it
    }
  }

  return {
    push(raw) {
      const line = raw.replace(/[ \t]+$/, '');
      const out: string[] = [];
      if (line === '') return out;
      if (kind === null) {
        start(line, out);
        return out;
      }
      const fits = kind === 'TD1' ? line.length === 30 && (group.length === 2 ? !looksLikeNewTd1(line) : TD1_SECOND.test(line)) : line.length === 44;
      if (fits) {
        group.push(line);
        if (group.length === (kind === 'TD1' ? 3 : 2)) {
          out.push(group.join('\n'));
          group = [];
          kind = null;
        }
        return out;
      }
      out.push(group.join('\n'));
      group = [];
      kind = null;
      start(line, out);
      return out;
    },
    flush() {
      if (kind === null) return null;
      const pending = group.join('\n');
      group = [];
      kind = null;
      return pending;
    },
  };
}
