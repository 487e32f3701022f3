// Last line of defence for interfaces: a SQLite error that escaped a service (a damaged page met by a
// query, SQLITE_BUSY after the busy timeout, disk full) becomes the same AxError the open path gives,
// so a user sees what to do, never a stack trace. Loaded lazily, only when such an error occurs.
import { translate } from '../store/db.js';

export function asUserError(e: unknown, file = '.ax/index.db'): unknown {
  return translate(e, file);
}
