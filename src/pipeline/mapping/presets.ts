// Presets: known export formats, so a mapping can say `preset: hubspot-deals` instead of spelling out columns,
// values and dates. A preset's column lists name the headers its vendor uses (first found wins); a mapping's own
// settings override the preset's, field by field.
import type { EntityMapping, MappedEntity, PresetName } from "./schema.ts";

export interface Preset {
  entity: MappedEntity;
  description: string;
  /** Headers (or JSON keys) whose presence identifies the format, for `podium init`. */
  signature: string[];
  format?: EntityMapping["format"];
  mapping: Partial<Pick<EntityMapping, "columns" | "set" | "defaults" | "values" | "dates" | "money" | "split" | "match" | "skip_unless">>;
}

const SALESFORCE_STAGES = {
  "Closed Won": "won", "Closed/Won": "won", Won: "won",
  "Closed Lost": "lost", "Closed/Lost": "lost", Lost: "lost",
  "*": "open",
};

export const PRESETS: Record<PresetName, Preset> = {
  "salesforce-opportunities": {
    entity: "deals",
    description: "Salesforce opportunities report exported as CSV (\"Details Only\"), or the Opportunity API fields.",
    signature: ["Stage", "Close Date", "Opportunity Name"],
    format: "csv",
    mapping: {
      columns: {
        deal_id: ["Opportunity ID", "Opportunity Id", "Id", "Opportunity 18 Digit ID"],
        account: ["Account Name", "Account", "Account: Account Name", "accountId"],
        owner_id: ["Opportunity Owner", "Opportunity Owner: Full Name", "Owner Name", "Owner", "Owner Email", "OwnerId"],
        amount: ["Amount", "Amount (converted)", "Total Amount"],
        currency: ["Opportunity Currency", "Amount Currency", "Currency", "CurrencyIsoCode"],
        type: ["Type", "Opportunity Type"],
        stage: ["Stage", "StageName", "Opportunity Stage"],
        created_at: ["Created Date", "CreatedDate", "Opportunity Created Date"],
        closed_at: ["Close Date", "CloseDate"],
      },
      defaults: { type: "new" },
      values: {
        stage: SALESFORCE_STAGES,
        type: {
          "New Business": "new", "New Customer": "new", New: "new",
          "Existing Customer - Upgrade": "expansion", "Existing Business": "expansion", Upsell: "expansion", Expansion: "expansion",
          "Existing Customer - Replacement": "renewal", Renewal: "renewal",
          "Existing Customer - Downgrade": "churn", Churn: "churn",
          "*": "new",
        },
      },
      dates: { created_at: ["iso", "M/D/YYYY", "M/D/YYYY h:mm A", "DD.MM.YYYY", "DD/MM/YYYY"], closed_at: ["iso", "M/D/YYYY", "M/D/YYYY h:mm A", "DD.MM.YYYY", "DD/MM/YYYY"] },
      match: { owner_id: ["email", "name"] },
    },
  },
  "hubspot-deals": {
    entity: "deals",
    description: "HubSpot deals exported as CSV (Export → CSV from the deals view).",
    signature: ["Record ID", "Deal Name", "Deal Stage"],
    format: "csv",
    mapping: {
      columns: {
        deal_id: ["Record ID", "Deal ID"],
        account: ["Associated Company (Primary)", "Associated Company", "Company Name", "Deal Name"],
        owner_id: ["Deal owner", "Deal Owner", "HubSpot Owner", "Owner"],
        amount: ["Amount", "Amount in company currency"],
        currency: ["Currency", "Deal currency code"],
        type: ["Deal Type", "Type"],
        stage: ["Deal Stage", "Stage"],
        created_at: ["Create Date", "Created Date"],
        closed_at: ["Close Date"],
      },
      defaults: { type: "new" },
      values: {
        stage: { "Closed Won": "won", "Closed won": "won", "Closed Lost": "lost", "*": "open" },
        type: { "New Business": "new", newbusiness: "new", "Existing Business": "expansion", existingbusiness: "expansion", Renewal: "renewal", "*": "new" },
      },
      dates: { created_at: ["iso", "YYYY-MM-DD HH:mm", "M/D/YYYY", "M/D/YYYY h:mm A"], closed_at: ["iso", "YYYY-MM-DD HH:mm", "M/D/YYYY", "M/D/YYYY h:mm A"] },
      match: { owner_id: ["email", "name"] },
    },
  },
  "bamboohr-directory": {
    entity: "people",
    description: "BambooHR employee directory / custom report exported as CSV.",
    signature: ["Employee #", "First Name", "Last Name"],
    format: "csv",
    mapping: {
      columns: {
        person_id: ["Employee #", "Employee Number", "Employee ID", "EEID"],
        name: ["Preferred Full Name", "Full Name", "Name", "{First Name} {Last Name}"],
        email: ["Work Email", "Email"],
        function: ["Department", "Job Function", "Division"],
        pod_id: ["Pod", "Team"],
        start_date: ["Hire Date", "Original Hire Date", "Start Date"],
        end_date: ["Termination Date", "End Date"],
      },
      dates: { start_date: ["iso", "MM/DD/YYYY", "excel"], end_date: ["iso", "MM/DD/YYYY", "excel"] },
    },
  },
  "github-prs": {
    entity: "build",
    description: "GitHub pull requests as `gh pr list --state merged --json number,title,author,mergedAt,labels` writes them (REST snake_case names accepted too); unmerged ones are skipped.",
    signature: ["number", "title", "author"],
    format: "json",
    mapping: {
      columns: {
        id: "PR-{number}",
        title: "title",
        kind: ["labels.name", "labels"],
        shipped_at: ["mergedAt", "merged_at"],
        contributors: ["author.login", "author"],
      },
      values: {
        kind: {
          bug: "fix", fix: "fix", bugfix: "fix", regression: "fix",
          docs: "doc", documentation: "doc",
          design: "design", ux: "design",
          experiment: "experiment", spike: "experiment",
          launch: "launch", release: "launch",
          "*": "feature",
        },
      },
      defaults: { kind: "feature" },
      match: { contributors: ["github", "email", "name"] },
      skip_unless: ["shipped_at"],
    },
  },
  "jira-issues": {
    entity: "build",
    description: "Jira issues exported as CSV (\"Export CSV (all fields)\" or current fields; English or Spanish headers); unresolved issues are skipped.",
    signature: ["Issue key", "Summary", "Issue Type"],
    format: "csv",
    mapping: {
      columns: {
        id: ["Issue key", "Clave de incidencia"],
        title: ["Summary", "Resumen"],
        kind: ["Issue Type", "Tipo de Incidencia"],
        shipped_at: ["Resolved", "Resuelta", "Resolution Date"],
        contributors: ["Assignee", "Persona asignada"],
        points: ["Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points", "Campo personalizado (Story point estimate)"],
      },
      values: {
        kind: {
          Bug: "fix", Error: "fix", Defect: "fix", Incident: "fix",
          Spike: "experiment", Experiment: "experiment",
          Design: "design", Diseño: "design",
          Documentation: "doc", Documentación: "doc",
          Release: "launch", Launch: "launch",
          "*": "feature",
        },
      },
      dates: { shipped_at: ["DD/MMM/YY h:mm A", "DD/MM/YYYY HH:mm", "DD/MM/YYYY H:mm", "iso", "excel"] },
      match: { contributors: ["email", "name"] },
      skip_unless: ["shipped_at"],
    },
  },
  "slack-export": {
    entity: "recognition",
    description: "A Slack workspace export (unzipped): a channel folder of daily JSON files; user ids resolved through users.json.",
    signature: [],
    format: "slack",
    mapping: { match: { user: "slack", text: "slack" } },
  },
};

/** A preset's settings overlaid with the mapping's own (the mapping wins, field by field). */
export function withPreset(m: EntityMapping): EntityMapping {
  if (!m.preset) return m;
  const p = PRESETS[m.preset].mapping;
  const merge = <K extends keyof Preset["mapping"]>(k: K) => ({ ...(p[k] as object | undefined), ...(m[k] as object) });
  return {
    ...m,
    format: m.format ?? PRESETS[m.preset].format,
    columns: merge("columns"),
    set: merge("set"),
    defaults: merge("defaults"),
    values: { ...p.values, ...m.values },
    dates: merge("dates"),
    money: merge("money"),
    split: merge("split"),
    match: merge("match"),
    skip_unless: m.skip_unless.length > 0 ? m.skip_unless : (p.skip_unless ?? []),
  } as EntityMapping;
}
