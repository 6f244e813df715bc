/**
 * Names for the OpenAPI document. A schema given a name here becomes a component of the API's
 * document (`#/components/schemas/<name>`), referenced wherever it is used, instead of being
 * inlined. A registry of our own, not zod's global one, so that nothing else gets a component.
 */
import { z } from "zod";

export type SchemaName = { id: string };

/** The response shapes of this package, each with its component name. */
export const responseSchemas = z.registry<SchemaName>();

/** `schema`, registered in `registry` under `id`. */
export function named<S extends z.ZodType>(
  registry: z.core.$ZodRegistry<SchemaName>,
  id: string,
  schema: S,
): S {
  registry.add(schema, { id });
  return schema;
}

/** A response shape named `id` in the document. */
export const response = <S extends z.ZodType>(id: string, schema: S): S => named(responseSchemas, id, schema);
