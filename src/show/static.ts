import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page's files, shipped in the package under assets/show/. This module
 * sits two folders below the package root as src/show/*.ts (tests), as
 * dist/show/*.js and bundled in dist/cli-bundle/*.js (scripts/bundle-cli.mjs),
 * so one relative path finds them.
 */
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/show/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A static file for a URL path, or undefined: only known file types, only inside ASSETS_DIR. */
export async function readAsset(pathname: string, root = ASSETS_DIR): Promise<{ body: Buffer; type: string } | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return undefined;
  }
  const type = TYPES[extname(rel).toLowerCase()];
  const file = resolve(root, `.${rel}`);
  if (!type || !file.startsWith(resolve(root) + sep)) return undefined;
  try {
    return { body: await readFile(file), type };
  } catch {
    return undefined;
  }
}
