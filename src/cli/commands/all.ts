// Every CLI command, in help order. Command files hold only metadata and a thin run(); their services
// are imported inside run(), so listing them here costs nothing at start-up.
import type { CommandSpec } from '../spec.js';
import { configCommand } from './config.js';
import { dbCommand } from './db.js';
import { findCommand } from './find.js';
import { indexCommand } from './index-cmd.js';
import { lintCommand } from './lint.js';
import { statusCommand } from './status.js';
import { watchCommand } from './watch.js';

export const COMMANDS: readonly CommandSpec[] = [indexCommand, statusCommand, findCommand, configCommand, dbCommand, lintCommand, watchCommand];
