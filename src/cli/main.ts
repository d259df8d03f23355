#!/usr/bin/env node
import { buildProgram } from './build-program.js';

await buildProgram(process.env).parseAsync(process.argv);
