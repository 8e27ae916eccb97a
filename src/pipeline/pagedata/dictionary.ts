// The input half of the data dictionary, generated from the zod schemas (never written twice).
import { z } from "zod";
import { INPUTS } from "../inputs.ts";
import type { DictionaryEntry } from "../../site/types.ts";

interface Def {
  type: string;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A field's type for readers: the `format` its field helper declared (see validate/fields.ts), else zod's own. */
function typeOf(schema: z.ZodType): string {
  const format = z.globalRegistry.get(schema)?.format;
  if (typeof format === "string") return format;
  const def = defOf(schema);
  if (def.type === "enum") return `one of: ${Object.values(def.entries ?? {}).join(", ")}`;
  if (def.type === "pipe") {
    const candidates = [def.out, def.in].filter((s): s is z.ZodType => s !== undefined).map(typeOf);
    return candidates.find((t) => !["transform", "number", "string"].includes(t)) ?? candidates.find((t) => t !== "transform") ?? "text";
  }
  if (def.innerType) return typeOf(def.innerType);
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
