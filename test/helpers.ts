// Shared test helpers: run the pipeline up to the marts on a fixture folder, in memory.
import { prepare, type Prepared } from "../src/pipeline/build.ts";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";

export async function withModels<T>(dataDir: string, work: (db: Database, prepared: Prepared) => Promise<T>): Promise<T> {
  const db = await openDatabase(":memory:");
  try {
    return await work(db, await prepare(dataDir, db));
  } finally {
    db.close();
  }
}

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
