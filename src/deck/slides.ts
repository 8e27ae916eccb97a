// The all-hands deck of one quarter, as data: each slide has a headline sentence written from its numbers, speaker
// notes and its own content. Pure: SiteData in, slides out (the Astro components only lay them out).
// Privacy: commission appears only as shares and per-group figures; deals and items are never split per person.
import type { Period, Row, SiteData } from "../site/types.ts";
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";
import { formatValue } from "../components/format.ts";
import { changeWords, clip, direction, listWords, moveLabel, moveWords, num, plural, titleCase } from "./words.ts";
import { CHART_PODS } from "../site/limits.ts";
import { pickShoutouts, SHOUTOUT_RULE, spotlightPod, SPOTLIGHT_RULE } from "./select.ts";
import { trendChart, type Marker } from "./charts.ts";
import { barChart } from "../charts/charts.ts";

/** Code-point order: the same whatever the build machine's locale (localeCompare is not). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface StatItem {
  label: string;
  value: string;
  change: string;
  direction?: "up" | "down" | "flat";
  upIsGood: boolean;
  note: string;
}

export interface PodPlace {
  rank: number;
  name: string;
  move: string;
  moveWords: string;
  composite: string;
  facts: string[];
}

export interface Mover {
  name: string;
  rank: number;
  change: number;
  text: string;
}

export interface ShoutoutCard {
  giver: string;
  giverMeta: string;
  recipients: string;
  recipientMeta: string;
  text: string;
  tag: string | null;
}

export interface TableBlock {
  caption: string;
  head: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  numeric: number[];
}

interface SlideCommon {
  /** 1-based position: also the URL hash. */
  n: number;
  kicker: string;
  headline: string;
  notes: string[];
}

export type Slide = SlideCommon &
  (
    | { kind: "title"; company: string; period: string; range: string; subtitle: string }
    | { kind: "numbers"; stats: StatItem[] }
    | { kind: "podium"; places: PodPlace[] }
    | { kind: "movers"; up: Mover[]; down: Mover[]; empty: string }
    | { kind: "shoutouts"; cards: ShoutoutCard[]; rule: string; matrixLine: string }
    | { kind: "spotlight"; name: string; about: string; stats: StatItem[]; roster: { fn: string; names: string }[]; gaps: string }
    | { kind: "chart"; svg: string; caption: string; side: StatItem[] }
    | { kind: "tables"; tables: TableBlock[]; side: StatItem[] }
  );

export interface Deck {
  company: string;
  period: Period;
  previous?: Period;
  asOf: string;
  slides: Slide[];
}

type Rows = (table: PublishedTable, period: string | undefined, filter?: Record<string, string>) => Row[];

/** "a, b, c, d, e" → "a, b, c +2". */
function shortList(list: string, max: number): string {
  const items = list.split(", ").filter(Boolean);
  if (items.length === 0) return "—";
  return items.length > max ? `${items.slice(0, max).join(", ")} +${items.length - max}` : items.join(", ");
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export function quartersOf(data: SiteData): Period[] {
  return data.periods.filter((p) => p.period_grain === "quarter").sort((a, b) => a.period_index - b.period_index);
}

export function latestQuarterOf(data: SiteData): Period {
  const quarters = quartersOf(data);
  const latest = quarters.find((p) => p.is_latest) ?? quarters.at(-1);
  if (!latest) throw new Error("the data holds no quarter: no deck to show");
  return latest;
}

/** Org changes of the quarters as chart markers (pods formed, moves, rotation cohorts). */
export function orgMarkers(data: SiteData, kinds: readonly string[] = ["pod_formed", "rotation", "moves"]): Marker[] {
  const order = (k: string) => ["pod_formed", "rotation", "moves"].indexOf(k);
  return data.orgEvents
    .filter((e) => kinds.includes(e.kind))
    .sort((a, b) => a.period_index - b.period_index || order(a.kind) - order(b.kind))
    .map((e) => ({
      period: e.period,
      label: e.kind === "pod_formed" ? `${e.label} formed` : e.kind === "moves" ? plural(e.count_people, "move") : `Rotation (${e.count_people})`,
    }));
}

export function buildDeck(data: SiteData, period: Period): Deck {
  const quarters = quartersOf(data);
  const previous = quarters.find((p) => p.period_index === period.period_index - 1);
  const q = period.period;
  const pq = previous?.period;
  const cur = data.company.currency;
  const rows: Rows = (table, at, filter = {}) =>
    at === undefined
      ? []
      : data.tables[table].filter(
          (r) => r.period_grain === "quarter" && r.period === at && Object.entries(filter).every(([k, v]) => r[k] === v),
        );
  const company = (table: PublishedTable, at: string | undefined) => rows(table, at, { group_type: "company" })[0];
  const vsPrev = pq ? `vs ${pq}` : "first quarter in the data";
  const asOfLine = `Figures as of ${data.asOf}`;
  const money = (v: unknown) => formatValue(v, "money", { currency: cur, compact: true });
  const pct = (v: unknown) => formatValue(v, "percent");
  const dec = (v: unknown) => formatValue(v, "decimal", { digits: 2 });
  const stat = (
    label: string,
    value: unknown,
    before: unknown,
    format: "money" | "percent" | "decimal" | "int" | "days",
    note: string,
    upIsGood = true,
  ): StatItem => ({
    label,
    value: format === "money" ? money(value) : formatValue(value, format, format === "decimal" ? { digits: 2 } : format === "days" ? { digits: 0 } : {}),
    change: changeWords(value, before, format) || (pq ? "" : "first quarter"),
    direction: direction(value, before),
    upIsGood,
    note,
  });
  const slides: Slide[] = [];
  const add = (s: Omit<SlideCommon, "n"> & Record<string, unknown>) => slides.push({ ...s, n: slides.length + 1 } as Slide);

  // ——— 1. title
  const heads = num(company("participation", q)?.headcount);
  const podsNow = rows("pod_leaderboard", q);
  add({
    kind: "title",
    kicker: "All-hands",
    company: data.company.name,
    period: q,
    range: `${period.first_day} to ${period.last_day}`,
    subtitle: `${heads !== undefined ? plural(heads, "person", "people") : "Everyone"} in ${plural(podsNow.length, "pod")}: everyone builds, everyone sells.`,
    headline: `${data.company.name} all-hands, ${q}`,
    notes: [
      `This deck is generated from the data: every number is ${data.asOf === period.last_day || data.asOf > period.last_day ? `for ${q} (${period.first_day} to ${period.last_day})` : `for ${q} so far, up to ${data.asOf}`}.`,
      "Keys: arrows, space or Page Up/Down to move; Home and End; F for full screen; N shows these notes.",
    ],
  });

  // ——— 2. headline numbers
  const revenue = (at: string | undefined) => (at ? rows("pod_leaderboard", at).reduce((n, r) => n + (num(r.revenue_won) ?? 0), 0) : undefined);
  const part = company("participation", q);
  const partPrev = company("participation", pq);
  const bal = company("balance", q);
  const balPrev = company("balance", pq);
  const rec = company("recognition_summary", q);
  const recPrev = company("recognition_summary", pq);
  const fb = company("feedback_loop", q);
  const fbPrev = company("feedback_loop", pq);
  const unl = company("commission_unlock", q);
  const unlPrev = company("commission_unlock", pq);
  const numbers: StatItem[] = [
    stat("Revenue won by pods", revenue(q), revenue(pq), "money", "Deals closed won, counted for their pod"),
    stat("Both built and sold", part?.two_way_share, partPrev?.two_way_share, "percent", "Share of people who shipped and sold"),
    stat("Build-vs-sell balance", bal?.balance, balPrev?.balance, "decimal", "1 is perfectly balanced, 0 one-sided"),
    stat("Shout-outs", rec?.pairs, recPrev?.pairs, "int", "Thank-yous, one per person thanked"),
    stat("Feedback to shipped", fb?.median_days, fbPrev?.median_days, "days", "Median days, feedback resolved this quarter", false),
    stat("Unlocked commission", unl?.unlocked_share, unlPrev?.unlocked_share, "percent", "Share of people with a goal who hit it"),
  ];
  const revChange = changeWords(revenue(q), revenue(pq), "money");
  add({
    kind: "numbers",
    kicker: "The quarter in numbers",
    stats: numbers,
    headline: `Pods won ${money(revenue(q))}${revChange ? `, ${revChange}` : ""}, and ${pct(part?.two_way_share)} of us both built and sold`,
    notes: [
      `Changes are ${vsPrev}: shares in percentage points, counts and money as a relative change.`,
      `Balance compares everyone's build credit with their sell credit, each scaled by the company median: ${dec(bal?.balance)} now${balPrev ? `, ${dec(balPrev.balance)} in ${pq}` : ""}.`,
      `${pct(part?.built_share)} of people shipped build work and ${pct(part?.sold_share)} held sell credit on a won deal.`,
    ],
  });

  // ——— 3. podium
  const board = [...podsNow].sort((a, b) => (num(a.rank) ?? 0) - (num(b.rank) ?? 0));
  const places: PodPlace[] = board.slice(0, 3).map((r) => ({
    rank: num(r.rank) ?? 0,
    name: str(r.group_name),
    move: moveLabel(r.rank_change),
    moveWords: moveWords(r.rank_change),
    composite: formatValue(r.composite, "decimal", { digits: 2 }),
    facts: [
      `${money(r.revenue_per_head)} won per head`,
      `${formatValue(r.build_points_per_head, "decimal")} build points per head`,
      `${pct(r.two_way_share)} two-way`,
    ],
  }));
  const leader = board[0];
  const leaderChange = num(leader?.rank_change);
  const others = board.slice(1, 3).map((r) => str(r.group_name));
  add({
    kind: "podium",
    kicker: "The pod podium",
    places,
    headline: !leader
      ? "No pod had members this quarter"
      : `${str(leader.group_name)} ${
          leaderChange === undefined ? "debuts at the top" : leaderChange > 0 ? `takes first place, up ${plural(leaderChange, "place")}` : "holds first place"
        }${others.length ? `, ahead of ${listWords(others)}` : ""}`,
    notes: [
      "Rank is by a composite of percent ranks among pods, with stated weights: " +
        Object.entries(data.weights)
          .map(([m, w]) => `${m.replaceAll("_", " ")} ${pct(w)}`)
          .join(", ") +
        ".",
      "Per-head figures let small pods compete fairly; ties go to revenue per head, then pod id.",
      ...places.map((p) => `#${p.rank} ${p.name}: composite ${p.composite}, ${p.moveWords}; ${p.facts.join(", ")}.`),
    ],
  });

  // ——— 4. movers
  const moved = board
    .map((r) => ({ name: str(r.group_name), rank: num(r.rank) ?? 0, change: num(r.rank_change) }))
    .filter((m): m is Mover & { change: number } => m.change !== undefined);
  const up = moved
    .filter((m) => m.change > 0)
    .sort((a, b) => b.change - a.change || a.rank - b.rank)
    .slice(0, 3)
    .map((m) => ({ ...m, text: `up ${plural(m.change, "place")} to #${m.rank}` }));
  const down = moved
    .filter((m) => m.change < 0)
    .sort((a, b) => a.change - b.change || a.rank - b.rank)
    .slice(0, 3)
    .map((m) => ({ ...m, text: `down ${plural(-m.change, "place")} to #${m.rank}` }));
  const newcomers = board.filter((r) => r.rank_change === null && pq).map((r) => str(r.group_name));
  add({
    kind: "movers",
    kicker: "Biggest movers",
    up,
    down,
    empty: !pq ? "The first quarter in the data: no earlier rank to move from." : "No pod changed rank this quarter.",
    headline: up[0]
      ? `${up[0].name} climbed ${plural(up[0].change, "place")} to #${up[0].rank}${down[0] ? `; ${down[0].name} slipped ${plural(-down[0].change, "place")}` : ""}`
      : down[0]
        ? `${down[0].name} slipped ${plural(-down[0].change, "place")} to #${down[0].rank}`
        : !pq
          ? "First ranked quarter: the board starts here"
          : "Every pod held its place",
    notes: [
      `Rank change is last quarter's rank minus this quarter's: positive is up. Compared ${vsPrev}.`,
      ...(newcomers.length ? [`New on the board: ${listWords(newcomers)}.`] : []),
    ],
  });

  // ——— 5. shout-outs: people and their words, so only for an audience that sees names
  const matrix = data.tables.recognition_matrix.filter((r) => r.period_grain === "quarter");
  const crossPairs = matrix
    .filter((r) => r.period === q && r.giver_function !== r.recipient_function)
    .sort((a, b) => (num(b.pairs) ?? 0) - (num(a.pairs) ?? 0) || compareText(str(a.giver_function), str(b.giver_function)) || compareText(str(a.recipient_function), str(b.recipient_function)));
  const top = crossPairs[0];
  const topPrev = top && matrix.find((r) => r.period === pq && r.giver_function === top.giver_function && r.recipient_function === top.recipient_function);
  const topChange = top && pq ? changeWords(top.pairs, topPrev ? topPrev.pairs : 0, "int") : "";
  const picked = pickShoutouts(data.shoutouts, q, 3);
  const matrixLine = top
    ? `${titleCase(str(top.giver_function))} thanked ${titleCase(str(top.recipient_function))} ${plural(num(top.pairs) ?? 0, "time")} this quarter${topChange && topChange !== "unchanged" ? `, ${topChange}` : ""}`
    : `${plural(num(rec?.pairs) ?? 0, "shout-out")} this quarter`;
  if (data.audience.names) add({
    kind: "shoutouts",
    kicker: "Cross-team shout-outs",
    cards: picked.map((s) => ({
      giver: s.giver_name,
      giverMeta: [titleCase(s.giver_function), s.giver_pod].filter(Boolean).join(" · "),
      recipients: s.recipients,
      recipientMeta: [titleCase(s.recipient_functions), s.recipient_pods].filter(Boolean).join(" · "),
      text: clip(s.message, 200),
      tag: s.value_tag,
    })),
    rule: SHOUTOUT_RULE,
    matrixLine,
    headline: matrixLine,
    notes: [
      `How they were chosen: ${SHOUTOUT_RULE}`,
      `${pct(rec?.cross_function_share)} of this quarter's ${plural(num(rec?.pairs) ?? 0, "shout-out")} crossed a function and ${pct(rec?.cross_pod_share)} crossed a pod.`,
      ...picked.map((s) => `${s.giver_name} → ${s.recipients} (${s.given_on}): “${s.message}”`),
    ],
  });

  // ——— 6. spotlight
  const podId = spotlightPod(data, period);
  const pod = data.pods.find((p) => p.pod_id === podId);
  const podRow = podId ? rows("pod_leaderboard", q, { group_id: podId })[0] : undefined;
  const podPrev = podId ? rows("pod_leaderboard", pq, { group_id: podId })[0] : undefined;
  const members = data.members.filter((m) => m.period_grain === "quarter" && m.period === q && m.pod_id === podId);
  const byFunction = new Map<string, string[]>();
  for (const m of members) byFunction.set(m.function, [...(byFunction.get(m.function) ?? []), `${m.name ?? ""}${m.is_rotation ? " (rotation)" : ""}`]);
  // without names (an audience that does not see them), how many people of each function
  const roster = [...byFunction.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([fn, names]) => ({ fn: titleCase(fn), names: data.audience.names ? names.sort().join(", ") : plural(names.length, "person", "people") }));
  const missing = podId
    ? rows("pod_composition", q, { pod_id: podId })
        .filter((r) => r.is_missing === true)
        .map((r) => `${str(r.function)} (${num(r.count_missing) ?? 0} short)`)
    : [];
  const thanks = podId ? rows("recognition_pods", q, { group_id: podId })[0] : undefined;
  const thanksPrev = podId ? rows("recognition_pods", pq, { group_id: podId })[0] : undefined;
  add({
    kind: "spotlight",
    kicker: "Pod spotlight",
    name: pod?.pod_name ?? "No pod",
    about: pod ? `${titleCase(pod.orientation)} pod · ${pod.focus}${pod.formed_at ? ` · formed ${pod.formed_at}` : ""}` : "",
    stats: podRow
      ? [
          stat("Rank", podRow.rank, podPrev?.rank, "int", "On the pod leaderboard", false),
          stat("Revenue won", podRow.revenue_won, podPrev?.revenue_won, "money", "Deals closed won"),
          stat("Build points per head", podRow.build_points_per_head, podPrev?.build_points_per_head, "decimal", "Shipped work per person"),
          stat("Thanks from other pods", thanks?.count_received_from_other_pods, thanksPrev?.count_received_from_other_pods, "int", "Shout-outs received across pods"),
        ]
      : [],
    roster,
    gaps: missing.length ? `Open roles against the template: ${missing.join(", ")}.` : "Every role of the template is filled.",
    headline: pod
      ? `Spotlight on ${pod.pod_name}: ${plural(members.length, "person", "people")}, ${podRow ? `#${num(podRow.rank)} on the board` : "not ranked"}${
          num(thanks?.count_received_from_other_pods) ? `, thanked ${plural(num(thanks?.count_received_from_other_pods)!, "time")} by other pods` : ""
        }`
      : "No pod to spotlight this quarter",
    notes: [
      `Why this pod: ${SPOTLIGHT_RULE}`,
      ...(podRow
        ? [
            `${pod?.pod_name}: ${money(podRow.revenue_won)} won, win rate ${pct(podRow.win_rate)}, balance ${dec(podRow.balance)}, ${pct(podRow.two_way_share)} two-way; ${moveWords(podRow.rank_change)} on the board.`,
          ]
        : []),
    ],
  });

  // ——— 7. balance trend
  const upTo = quarters.filter((p) => p.period_index <= period.period_index);
  const upToNames = upTo.map((p) => p.period);
  const balanceRows = data.tables.balance.filter(
    (r) => r.period_grain === "quarter" && upToNames.includes(str(r.period)) && r.group_type === "company",
  );
  const trend = balanceRows.flatMap((r) => [
    { period: str(r.period), series: "Balance", value: num(r.balance) ?? null },
    { period: str(r.period), series: "Build share", value: num(r.build_share) ?? null },
  ]);
  const sides = ["build", "sell"].map((s) => rows("balance", q, { group_type: "side", group_id: s })[0]);
  const balChange = changeWords(bal?.balance, balPrev?.balance, "decimal");
  add({
    kind: "chart",
    kicker: "Build-vs-sell balance",
    svg: trendChart({
      data: trend,
      periods: upToNames,
      yLabel: "Balance and build share",
      yDomain: [0, 1],
      markers: orgMarkers(data, ["pod_formed", "rotation"]).filter((m) => upToNames.includes(m.period)),
      width: 760,
      height: 360,
      fontSize: 14,
      legend: false,
    }),
    caption: `Company balance (1 = build and sell credit even) and build share by quarter; dashed lines mark pods formed and rotations.`,
    side: [
      stat("Balance", bal?.balance, balPrev?.balance, "decimal", "Company, this quarter"),
      stat("Build share", bal?.build_share, balPrev?.build_share, "percent", "Build credit in all credit"),
      stat("Both built and sold", part?.two_way_share, partPrev?.two_way_share, "percent", "Share of people"),
    ],
    headline: `Balance ${balChange && balChange !== "unchanged" ? `${balChange.startsWith("up") ? "rose" : "fell"} to` : "at"} ${dec(bal?.balance)}${balChange && balChange !== "unchanged" ? ` (${balChange})` : ""}, with build work ${pct(bal?.build_share)} of all credit`,
    notes: [
      "Balance = 1 − |B − S| / (B + S), where B and S are everyone's build points and won deal amounts, each divided by the company median that quarter.",
      ...sides
        .filter((r): r is Row => r !== undefined)
        .map((r) => `${titleCase(str(r.group_name))} side (${plural(num(r.headcount) ?? 0, "person", "people")}): balance ${dec(r.balance)}, build share ${pct(r.build_share)}.`),
      `Quarters shown: ${upToNames[0]} to ${q}. Dashed lines: ${orgMarkers(data, ["pod_formed", "rotation"]).filter((m) => upToNames.includes(m.period)).map((m) => `${m.period} ${m.label}`).join("; ") || "no org changes"}.`,
    ],
  });

  // ——— 8. what shipped
  const kinds = data.shipped.filter((s) => s.period === q).sort((a, b) => b.count_items - a.count_items || compareText(a.kind, b.kind));
  const kindsPrev = data.shipped.filter((s) => s.period === pq);
  const items = kinds.reduce((n, k) => n + k.count_items, 0);
  const points = kinds.reduce((n, k) => n + k.points, 0);
  const itemsPrev = kindsPrev.reduce((n, k) => n + k.count_items, 0);
  const itemsChange = pq ? changeWords(items, itemsPrev, "int") : "";
  const topItems = data.topShipped.filter((s) => s.period === q).slice(0, 4);
  add({
    kind: "tables",
    kicker: "What shipped",
    tables: [
      {
        caption: "Shipped this quarter, by kind",
        head: ["Kind", "Items", "Points", pq ? `vs ${pq}` : ""].filter(Boolean),
        numeric: [1, 2, 3],
        rows: kinds.map((k) => {
          const before = kindsPrev.find((p) => p.kind === k.kind);
          return [titleCase(k.kind), formatValue(k.count_items, "int"), formatValue(k.points, "int"), ...(pq ? [changeWords(k.count_items, before?.count_items ?? 0, "int") || "–"] : [])];
        }),
      },
      {
        caption: "Biggest items",
        head: ["Item", "Built by", "Points"],
        numeric: [2],
        rows: topItems.map((t) => [clip(t.title, 48), titleCase(t.contributor_functions), formatValue(t.points, "int")]),
      },
    ],
    side: [],
    headline: `We shipped ${plural(items, "item")} worth ${formatValue(points, "int")} points${itemsChange && itemsChange !== "unchanged" ? `, ${itemsChange} on last quarter` : ""}`,
    notes: [
      `${pct(part?.built_share)} of people shipped something this quarter (${num(part?.count_built) ?? 0} of ${num(part?.headcount) ?? 0}); most items: ${listWords(kinds.slice(0, 2).map((k) => plural(k.count_items, k.kind)))}.`,
      "Points: the item's own points, or the default for its kind; credit is split among contributors.",
    ],
  });

  // ——— 9. who sold it
  const fnSold = rows("participation", q, { group_type: "function" })
    .filter((r) => (num(r.count_sold) ?? 0) > 0)
    .sort((a, b) => (num(b.count_sold) ?? 0) - (num(a.count_sold) ?? 0) || compareText(str(a.group_name), str(b.group_name)));
  const buildSide = rows("participation", q, { group_type: "side", group_id: "build" })[0];
  const deals = data.topDeals.filter((d) => d.period === q);
  add({
    kind: "tables",
    kicker: "Who sold it",
    tables: [
      {
        caption: "Biggest deals won",
        head: ["Account", "Pod", "Type", "Amount", "Credit held by"],
        numeric: [3],
        rows: deals.slice(0, 4).map((d) => [clip(d.account, 24), d.pod_name ?? "—", titleCase(d.deal_type), money(d.amount), shortList(titleCase(d.credit_functions), 3)]),
      },
      {
        caption: "People with sell credit, by function",
        head: ["Function", "Sold", "Share"],
        numeric: [1, 2],
        rows: fnSold.slice(0, 10).map((r) => [titleCase(str(r.group_name)), formatValue(r.count_sold, "int"), pct(r.sold_share)]),
      },
    ],
    side: [],
    headline: `${plural(num(part?.count_sold) ?? 0, "person", "people")} from ${plural(fnSold.length, "function")} held sell credit on won deals${
      buildSide ? `, including ${pct(buildSide.sold_share)} of the build side` : ""
    }`,
    notes: [
      "Sell credit: a share of a deal closed won this quarter (sourced, demo, technical win, closed, customer call…); anyone in any function can hold it.",
      deals[0] ? `Biggest win: ${deals[0].account}, ${money(deals[0].amount)} (${deals[0].deal_type}) for ${deals[0].pod_name ?? "no pod"}.` : "No deal was won this quarter.",
      "Amounts are per deal and per pod; no one's personal figures are shown.",
    ],
  });

  // ——— 10. commission unlock (group level only)
  const unlockPods = rows("commission_unlock", q, { group_type: "pod" }).sort(
    (a, b) => (num(b.unlocked_share) ?? 0) - (num(a.unlocked_share) ?? 0) || compareText(str(a.group_name), str(b.group_name)),
  );
  const best = unlockPods[0];
  const unlChange = changeWords(unl?.unlocked_share, unlPrev?.unlocked_share, "percent");
  add({
    kind: "chart",
    kicker: "Commission unlock",
    svg: barChart({
      // a bar per pod reads on a screen up to CHART_PODS pods; past that, the leading ones
      data: unlockPods.slice(0, CHART_PODS).map((r) => ({ name: str(r.group_name), value: num(r.unlocked_share) ?? 0 })),
      x: "value",
      y: "name",
      label: "Unlocked commission (share of people with a goal)",
      format: "percent",
      width: 640,
    }),
    caption: `Share of each pod's people with a build goal who reached it in ${q}${
      unlockPods.length > CHART_PODS ? `: the ${CHART_PODS} highest of ${unlockPods.length} pods` : ""
    }.`,
    side: [
      stat("Unlocked, company", unl?.unlocked_share, unlPrev?.unlocked_share, "percent", `${num(unl?.count_unlocked) ?? 0} of ${num(unl?.count_with_goal) ?? 0} people with a goal`),
      stat("Median attainment", unl?.median_attainment, unlPrev?.median_attainment, "percent", "Build points over goal"),
    ],
    headline: `${pct(unl?.unlocked_share)} unlocked their commission${unlChange && unlChange !== "unchanged" ? `, ${unlChange}` : ""}${
      best ? `; ${str(best.group_name)} led at ${pct(best.unlocked_share)}` : ""
    }`,
    notes: [
      "Commission unlocks when a person's build points in the quarter reach their build goal. Shown per pod and company only: never per person.",
      ...unlockPods.slice(0, 3).map((r) => `${str(r.group_name)}: ${pct(r.unlocked_share)} of ${num(r.count_with_goal) ?? 0} unlocked.`),
    ],
  });

  return { company: data.company.name, period, previous, asOf: data.asOf, slides };
}
