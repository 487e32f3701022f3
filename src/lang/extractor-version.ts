// The version of the facts the extractors produce from a file. The index records the version its files
// were extracted with (meta key `extractor`); `ax index` rebuilds the index from empty when it differs, so
// an index made by an earlier ax does not keep the old facts of the files that did not change (the
// size+mtime and hash shortcuts would skip them). Bump it with every change that alters what an
// unchanged file yields (symbols, references, calls, imports, chunks), with a line below; a change that
// yields the same facts faster (ranged query matches, engine.ts) needs none.
//
// 1: the facts up to 2026-12-01 (an index without a stamp counts as 1).
// 2: a YAML/JSON/TOML key defined more than 32 times in one file is a record field, not a symbol
//    (inject.ts dropRecordFields).

export const EXTRACTOR_VERSION = 2;

/** The version of an index that has no stamp (made before there was one). */
export const UNSTAMPED_EXTRACTOR_VERSION = 1;
