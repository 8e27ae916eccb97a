// Loads the validated config into `cfg_*` tables so the SQL models read settings as data, never as spliced text.
import type { Config } from "../config.ts";
import type { Database } from "./database.ts";

/** Metrics of the leaderboard where a lower value ranks higher. */
const LOWER_IS_BETTER = new Set(["feedback_median_days"]);

async function table(db: Database, name: string, columns: string, rows: unknown[][]) {
  await db.run(`create or replace table ${name} (${columns})`);
  for (const row of rows) await db.run(`insert into ${name} values (${row.map((_, i) => `$${i + 1}`).join(", ")})`, row as never);
}

export async function loadConfig(db: Database, config: Config): Promise<void> {
  await table(
    db,
    "cfg_settings",
    "company_name varchar, currency varchar, timezone varchar, fiscal_year_start_month integer, unlock_threshold double, unsung_min_given integer, min_group_size integer",
    [[config.company_name, config.currency, config.timezone, config.fiscal_year_start_month, config.unlock_threshold, config.unsung_min_given, config.min_group_size]],
  );
  await table(db, "cfg_sides", "function varchar, side varchar", Object.entries(config.sides));
  await table(db, "cfg_default_points", "kind varchar, points double", Object.entries(config.default_points));
  await table(db, "cfg_commission_rates", "function varchar, rate double", Object.entries(config.commission_rates));
  await table(
    db,
    "cfg_leaderboard_weights",
    "metric varchar, weight double, is_lower_better boolean",
    Object.entries(config.leaderboard_weights).map(([m, w]) => [m, w, LOWER_IS_BETTER.has(m)]),
  );
  await table(db, "cfg_role_template", "function varchar, min_count integer", Object.entries(config.role_template));
  await table(db, "cfg_currency_rates", "currency varchar, rate double", Object.entries(config.currency_rates).map(([c, r]) => [c.toUpperCase(), r]));
  await table(
    db,
    "cfg_alerts",
    "balance_drop double, balance_drop_quarters integer, min_two_way_share double, p90_rising_quarters integer",
    [[config.alerts.balance_drop, config.alerts.balance_drop_quarters, config.alerts.min_two_way_share, config.alerts.p90_rising_quarters]],
  );
}
