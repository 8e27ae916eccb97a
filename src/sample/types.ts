// The generator's in-memory model of the sample company; the writers turn it into the input files.
import type { FUNCTIONS } from "../pipeline/config.ts";
import type { BUILD_KINDS, DEAL_STAGES, DEAL_TYPES, ORIENTATIONS } from "../pipeline/validate/schemas.ts";
import type { Moment, Quarter } from "./calendar.ts";

export type Fn = (typeof FUNCTIONS)[number];
export type Orientation = (typeof ORIENTATIONS)[number];
export type Kind = (typeof BUILD_KINDS)[number];
export type DealType = (typeof DEAL_TYPES)[number];
export type Stage = (typeof DEAL_STAGES)[number];

export const SELL_FUNCTIONS: readonly Fn[] = [
  "marketing", "inside sales", "outside sales", "account management", "support", "sales engineering",
];
export const isBuilder = (fn: Fn): boolean => !SELL_FUNCTIONS.includes(fn);

export interface Pod {
  index: number;
  id: string;
  name: string;
  orientation: Orientation;
  focus: string;
  /** Short territory name used in titles ("Healthcare"). */
  short: string;
  formed: number;
  accounts: string[];
}

export interface Stint {
  pod: Pod;
  from: number;
  to: number | undefined;
  rotation: string | undefined;
}

export interface Person {
  /** Creation order; ids are given later, by start date. */
  key: number;
  id: string;
  name: string;
  email: string;
  fn: Fn;
  start: number;
  end: number | undefined;
  stints: Stint[];
  /** How much of their goal they usually reach (around 1). */
  drive: number;
  /** How often they give recognition. */
  generosity: number;
}

export interface Stories {
  core: Pod;
  drift: Pod;
  improving: Pod;
  missingRole: Pod;
  slowFeedback: Pod;
  formed: Pod;
  rotationName: string;
  rotation: { person: Person; quarter: Quarter }[];
  nearMiss: Person[];
  unsung: Person[];
}

export interface World {
  seed: string;
  /** How busy everyone is: deals, shout-outs and feedback per person per quarter scale by it (1 = the bundled sample). */
  activity: number;
  quarters: Quarter[];
  start: number;
  end: number;
  pods: Pod[];
  people: Person[];
  stories: Stories;
}

export interface Contribution {
  person: Person;
  share: number;
}

export interface BuildRecord {
  id: string;
  title: string;
  kind: Kind;
  at: Moment;
  shippedAt: string;
  points: number;
  omitPoints: boolean;
  contributors: Contribution[];
  equalSplit: boolean;
  pod: Pod | undefined;
  tagPod: boolean;
}

export interface DealRecord {
  id: string;
  account: string;
  pod: Pod | undefined;
  tagPod: boolean;
  owner: Person;
  amount: number;
  currency: string;
  type: DealType;
  stage: Stage;
  created: Moment;
  createdAt: string;
  closed: Moment | undefined;
  closedAt: string;
  credits: { person: Person; contribution: string; share: number }[];
}
