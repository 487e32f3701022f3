// AxError is the one error type that crosses layer boundaries. Every failure a user can see carries a
// stable code (for --json consumers and tests) and a message that says what to do next.

export type AxErrorCode =
  | 'E_CONFIG'         // invalid configuration value or file
  | 'E_NO_INDEX'       // no .ax/index.db found for the working directory / --root
  | 'E_INDEX_NEWER'    // index written by a newer ax (schema version ahead of ours)
  | 'E_INDEX_CORRUPT'  // index file unreadable, truncated or not SQLite
  | 'E_INDEX_OLDER'    // index schema behind this ax and the command only reads (run `ax db migrate`)
  | 'E_MIGRATION'      // an applied migration's checksum differs from this ax's (edited migration), or a migration failed
  | 'E_INDEX_LOCKED'   // another writer holds the index
  | 'E_QUERY'          // malformed query string (carries a position)
  | 'E_USAGE'          // bad command-line usage
  | 'E_IO'             // file-system failure outside a single indexed file
  | 'E_GRAMMAR'        // a Tree-sitter grammar failed to load
  | 'E_NOTHING_INDEXED'// an index run found no file it could index
  | 'E_RULE'           // a lint rule file is invalid (schema, query, examples)
  | 'E_INTERNAL';

/** Marks AxErrors of every copy of this module (see Symbol.hasInstance below). */
const BRAND = Symbol.for('ax.AxError');

export class AxError extends Error {
  /**
   * `instanceof AxError` holds for an AxError of any copy of this module: the CLI bundle holds one and
   * the ES modules it loads from dist/ (src/bench, for `ax perf`) another.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly code: AxErrorCode;
  readonly hint: string | undefined;
  /** 0-based offset into the user's input (query string, --at position) where the problem is. */
  readonly position: number | undefined;

  constructor(code: AxErrorCode, message: string, opts: { hint?: string; position?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AxError';
    this.code = code;
    this.hint = opts.hint;
    this.position = opts.position;
  }

  toJSON(): { code: string; message: string; hint?: string; position?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.position === undefined ? {} : { position: this.position }),
    };
  }
}

Object.defineProperty(AxError.prototype, BRAND, { value: true });

export function isAxError(e: unknown): e is AxError {
  return e instanceof AxError;
}
