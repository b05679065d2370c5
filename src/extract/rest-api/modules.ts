import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RestloadError } from '../../common/errors.js';
import type { ModuleRefConfig } from '../../config/schema/index.js';

/**
 * Where dlt takes a Python callable, restload takes `{module, export}`: a
 * JavaScript module relative to the config file (or a package name).
 */
export async function loadFunction<F extends (...args: never[]) => unknown>(ref: ModuleRefConfig, baseDir: string, where: string): Promise<F> {
  const spec = ref.module.startsWith('.') || isAbsolute(ref.module) ? pathToFileURL(resolve(baseDir, ref.module)).href : ref.module;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    throw new RestloadError(`${where}: cannot load module ${ref.module}: ${(e as Error).message.split('\n')[0]}`, {
      code: 'MODULE', exitCode: 2, cause: e, hint: 'module paths are relative to the config file; use a .js or .mjs file',
    });
  }
  const name = ref.export ?? 'default';
  const fn = mod[name];
  if (typeof fn !== 'function') {
    const exports = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new RestloadError(`${where}: ${ref.module} has no function export "${name}"`, {
      code: 'MODULE', exitCode: 2, hint: exports.length ? `function exports: ${exports.join(', ')}` : undefined,
    });
  }
  return withUserErrors(fn as F, `${where}: ${ref.module} (${name})`);
}

/**
 * The user's function, with what it throws (or rejects with) turned into an
 * error that names the function and where the config uses it, instead of a
 * bare stack trace the CLI would take for a bug in restload.
 */
function withUserErrors<F extends (...args: never[]) => unknown>(fn: F, label: string): F {
  const fail = (e: unknown): never => {
    if (e instanceof RestloadError) throw e;
    throw new RestloadError(`${label} threw: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      code: 'USER_FUNCTION', cause: e, hint: 'the error comes from that function: fix it, or what it is given',
    });
  };
  return function (this: unknown, ...args: Parameters<F>) {
    let r: unknown;
    try {
      r = fn.apply(this, args);
    } catch (e) {
      fail(e);
    }
    return r instanceof Promise ? r.catch(fail) : r;
  } as F;
}
