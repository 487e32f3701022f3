// Every CLI command, in help order. Command files hold only metadata and a thin run(); their services
// are imported inside run(), so listing them here costs nothing at start-up.
import type { CommandSpec } from '../spec.js';
import { configCommand } from './config.js';
import { dbCommand } from './db.js';
import { defCommand } from './def.js';
import { depsCommand } from './deps.js';
import { findCommand } from './find.js';
import { flowCommand } from './flow.js';
import { indexCommand } from './index-cmd.js';
import { languagesCommand } from './languages.js';
import { lintCommand } from './lint.js';
import { perfCommand } from './perf.js';
import { refsCommand } from './refs.js';
import { statusCommand } from './status.js';
import { watchCommand } from './watch.js';

export const COMMANDS: readonly CommandSpec[] = [indexCommand, statusCommand, findCommand, defCommand, refsCommand, flowCommand, depsCommand, configCommand, dbCommand, lintCommand, watchCommand, perfCommand, languagesCommand];
