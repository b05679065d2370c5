import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Conventions for the config schema (the single source of truth: TypeScript
 * types come from `Static<...>`, the JSON Schema in `schemas/` is written from
 * these objects at build time, and ajv validates against them).
 *
 * - Objects are closed (`additionalProperties: false`) so a misspelled key is
 *   an error with a "did you mean".
 * - A union told apart by `type` uses `Type.Literal` on `type` in each branch.
 * - Every property has a `description`: editors show it on hover.
 */
export const closed = { additionalProperties: false } as const;

/** A reference to an export of a JavaScript/TypeScript module, where dlt takes a Python callable. */
export const ModuleRef = Type.Object(
  {
    module: Type.String({ description: 'Path of the module, relative to the config file (./steps.js) or a package name.' }),
    export: Type.Optional(Type.String({ description: 'Name of the export; default: the default export.' })),
  },
  { ...closed, description: 'A JavaScript/TypeScript function, where dlt takes a Python callable.' },
);

/** `T` or a list of `T`. */
export const OneOrMany = <T extends TSchema>(t: T) => Type.Union([t, Type.Array(t)]);
