#!/usr/bin/env node
// Kept tiny: the CLI module loads heavy dependencies (DuckDB, got) lazily,
// only for the commands that need them, so `--help` stays fast.
import '../dist/cli/main.js';
