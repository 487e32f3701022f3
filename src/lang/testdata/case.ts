// The shape of one row of the shared extractor suite (extractors.test.ts). Each row: a small,
// real-looking snippet and the facts it must yield. Definitions are written "kind Container.name";
// calls "caller->callee" ('<top>' outside any function); imports "module:name1,name2".

export interface ExtractorCase {
  lang: string;
  title: string;
  source: string;
  defs?: string[];
  notDefs?: string[];
  refs?: Array<{ name: string; line: number; col?: number }>;
  notRefs?: string[];
  imports?: string[];
  calls?: string[];
  docs?: Record<string, string>;
  /** Set false when the snippet deliberately contains a syntax error. */
  clean?: boolean;
}

