// The input half of the data dictionary, generated from the zod schemas (never written twice).
import type { z } from "zod";
import { INPUTS } from "../inputs.ts";
import type { DictionaryEntry } from "../../site/types.ts";

function typeOf(schema: z.ZodType): string {
  const def = (schema as unknown as { _zod: { def: { type: string; in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType; entries?: Record<string, string> } } })._zod.def;
  if (def.type === "pipe") return typeOf((def.out?._zod.def.type === "transform" ? def.in : def.out) ?? schema);
  if (def.type === "optional" || def.type === "nullable" || def.type === "default") return typeOf(def.innerType!);
  if (def.type === "enum") return `one of: ${Object.values(def.entries ?? {}).join(", ")}`;
  return def.type;
}

export function inputDictionary(): DictionaryEntry[] {
  return INPUTS.map((spec) => {
    const shape = (spec.schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
    return {
      name: spec.entity,
      kind: "input" as const,
      file: spec.file,
      description: `${spec.description}${spec.required ? "" : " Optional."}`,
      columns: Object.entries(shape).map(([name, field]) => ({
        name,
        type: typeOf(field),
        required: !field.safeParse(undefined).success,
        description: field.description ?? "",
      })),
    };
  });
}
