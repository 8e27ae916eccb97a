// Fictional names: people (from diverse first/last name lists, unique, with work emails) and customer accounts.
import type { Rng } from "./random.ts";

export const COMPANY = { name: "Northwind Labs", domain: "northwindlabs.example" };

const FIRST = [
  "Aaliyah", "Abebe", "Adaeze", "Aditi", "Ahmed", "Aiko", "Akosua", "Alejandro", "Amara", "Amina", "Amir", "Ana",
  "Anders", "Andrés", "Anika", "Arjun", "Aroha", "Astrid", "Ayasha", "Aylin", "Beatriz", "Bilal", "Bogdan", "Bongani",
  "Camila", "Carlos", "Catalina", "Chen", "Chiara", "Chidi", "Chloe", "Daniel", "Daniela", "Dakota", "Dario", "Deepa",
  "Diego", "Dmitri", "Elena", "Elif", "Emeka", "Emma", "Esi", "Ethan", "Farah", "Fatima", "Felipe", "Femi", "Fernanda",
  "Finn", "Freya", "Gabriel", "Grace", "Guadalupe", "Hamza", "Hana", "Hannah", "Haruto", "Hassan", "Hiroshi", "Ibrahim",
  "Ifeoma", "Ines", "Ingrid", "Isabel", "Ivan", "Jamal", "Javier", "Jin", "Joaquín", "João", "Jonas", "Jun", "Kai",
  "Kamala", "Karim", "Katarzyna", "Kavya", "Kenji", "Keoni", "Kofi", "Kwame", "Lars", "Layla", "Leila", "Leilani",
  "Liam", "Lina", "Linh", "Lucas", "Lucía", "Mai", "Malik", "Mariam", "Marisol", "Marta", "Mateo", "Maya", "Mehmet",
  "Mei", "Miguel", "Mina", "Minh", "Mohammed", "Nadia", "Naledi", "Ngozi", "Nia", "Nikhil", "Noah", "Noor", "Olga",
  "Oluwaseun", "Omar", "Oscar", "Otieno", "Parisa", "Piotr", "Priya", "Rafael", "Rahul", "Rania", "Ravi", "Reza",
  "Rin", "Rosa", "Ruth", "Sakura", "Samir", "Sara", "Sebastián", "Seo-yeon", "Shira", "Siddharth", "Sofia", "Soren",
  "Sun", "Tane", "Tariq", "Thabo", "Thanh", "Tomás", "Tunde", "Valentina", "Wanjiru", "Wei", "Xin", "Yara", "Yasmin",
  "Youssef", "Yusuf", "Zainab", "Zara", "Zoe", "Agnieszka", "Benedikt", "Colm", "Dalia", "Eero", "Gwen", "Hugo",
];

const LAST = [
  "Abara", "Achieng", "Adeyemi", "Afolabi", "Agarwal", "Ali", "Almeida", "Alvarez", "Andersen", "Arslan", "Asante",
  "Bakker", "Banerjee", "Barbosa", "Becker", "Begay", "Bello", "Bergström", "Boateng", "Bose", "Brennan", "Bui",
  "Caldwell", "Carvalho", "Castillo", "Chatterjee", "Chen", "Cho", "Cohen", "Costa", "Cruz", "Dang", "Das", "Demir",
  "Diallo", "Dlamini", "Duarte", "Dubois", "Eriksson", "Esposito", "Farouk", "Fernandes", "Fischer", "Fitzgerald",
  "Flores", "Friedman", "Fujita", "García", "Goldberg", "Gonzalez", "Gupta", "Haddad", "Hakimi", "Halvorsen", "Hansen",
  "Hernández", "Hoang", "Horvath", "Hosseini", "Hughes", "Hussain", "Ibrahim", "Ito", "Iyer", "Jansen", "Jovanović",
  "Kahale", "Kamau", "Kapoor", "Karimi", "Kato", "Kealoha", "Khan", "Kim", "Kobayashi", "Kowalski", "Kumar", "Lam",
  "Larsen", "Lee", "Levi", "Lindqvist", "Lopez", "Mahlangu", "Mahmoud", "Menon", "Mendes", "Mensah", "Moreau",
  "Morales", "Murphy", "Mwangi", "Nair", "Nakamura", "Ndlovu", "Nguyen", "Nieminen", "Njoroge", "Novak", "Nowak",
  "Nwosu", "O'Brien", "Odhiambo", "Okafor", "Okeke", "Oliveira", "Ortiz", "Osei", "Park", "Patel", "Pereira", "Petrov",
  "Pham", "Pillai", "Popescu", "Qureshi", "Quispe", "Rahman", "Ramírez", "Rao", "Reddy", "Reyes", "Rezaei", "Ribeiro",
  "Rossi", "Russo", "Saito", "Salazar", "Santos", "Sato", "Schmidt", "Shapiro", "Sharma", "Silva", "Singh", "Sokolov",
  "Suzuki", "Takahashi", "Tanaka", "Tembo", "Torres", "Tran", "Tsosie", "Vargas", "Vasquez", "Vo", "Volkov", "Walker",
  "Wang", "Watanabe", "Weber", "Williams", "Wong", "Yamamoto", "Yilmaz", "Yoon", "Zhang", "Zhou", "Zulu",
];

const INITIALS = "ABCDEFGHJKLMNPRSTVW";

const slug = (s: string): string =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");

/** Hands out unique names and emails. */
export function nameFactory(rng: Rng): () => { name: string; email: string } {
  const names = new Set<string>();
  const emails = new Set<string>();
  return () => {
    let first = "";
    let last = "";
    let name = "";
    for (let attempt = 0; ; attempt++) {
      first = rng.pick(FIRST);
      last = rng.pick(LAST);
      name = attempt < 8 ? `${first} ${last}` : `${first} ${rng.pick(INITIALS.split(""))}. ${last}`;
      if (!names.has(name)) break;
    }
    names.add(name);
    const base = `${slug(first)}.${slug(last)}`;
    let email = `${base}@${COMPANY.domain}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${COMPANY.domain}`;
    emails.add(email);
    return { name, email };
  };
}

const STEMS = [
  "Acme", "Globex", "Initech", "Vandelay", "Bluefin", "Cobalt", "Larkspur", "Juniper", "Meridian", "Northstar",
  "Pinecrest", "Riverbend", "Saffron", "Tidewater", "Brightwater", "Copperleaf", "Driftwood", "Evergreen", "Foxglove",
  "Granite", "Harborview", "Ironwood", "Kestrel", "Lakeshore", "Maplewood", "Oakridge", "Quillon", "Redwood",
  "Silverline", "Sunstone", "Thistle", "Upland", "Verdant", "Willow", "Yellowpine", "Zephyr", "Halcyon", "Aurora",
  "Beacon", "Cascade", "Crescent", "Dovetail", "Ember", "Fathom", "Galena", "Helix", "Indigo", "Jasper", "Keystone",
  "Lumen", "Magnolia", "Nimbus", "Onyx", "Paragon", "Quarry", "Radiant", "Sequoia", "Tamarack", "Umber", "Vireo",
  "Wren", "Yarrow", "Alder", "Birchwood", "Cypress", "Elmstead", "Fernhill", "Glacier", "Hawthorn", "Juno", "Kinetic",
  "Lodestar", "Mosaic", "Orchard", "Pioneer", "Quartz", "Rook", "Summit", "Trellis", "Vantage", "Wayfarer", "Solace",
  "Canopy", "Prairie", "Harvest", "Anchor", "Bramble", "Clover", "Dune", "Bellwether", "Starling", "Marlow", "Osprey",
];

const SUFFIXES: Record<string, readonly string[]> = {
  health: ["Health", "Clinics", "Medical Group", "Care Partners", "Family Practice", "Diagnostics", "Hospital"],
  finance: ["Bank", "Pay", "Capital", "Credit Union", "Lending", "Financial", "Insurance"],
  public: ["County", "School District", "City Services", "Transit Authority", "University", "Library System"],
  industry: ["Manufacturing", "Industries", "Components", "Fabrication", "Tooling", "Foundry", "Plastics"],
  retail: ["Outfitters", "Market", "Goods", "Apparel", "Home", "Grocers", "Supply"],
  logistics: ["Freight", "Logistics", "Shipping", "Couriers", "Warehousing"],
  emea: ["GmbH", "Ltd", "S.A.", "B.V.", "AB", "Oy", "S.r.l."],
  apac: ["Pte Ltd", "Pty Ltd", "K.K.", "Ltd", "Group"],
  latam: ["S.A.", "Ltda", "Group", "Holdings"],
  general: ["Labs", "Software", "Group", "Systems", "Partners", "Technologies", "Works", "Foods", "Hotels", "Dental",
    "Robotics", "Analytics", "Studios", "Energy", "Media"],
};

/** `count` account names in a pod's territory; unique company-wide where the name space allows. */
export function accountNames(rng: Rng, flavor: string, count: number, used: Set<string>): string[] {
  const suffixes = SUFFIXES[flavor] ?? SUFFIXES.general!;
  const out: string[] = [];
  while (out.length < count) {
    let name = "";
    for (let attempt = 0; attempt < 30; attempt++) {
      name = `${rng.pick(STEMS)} ${rng.pick(suffixes)}`;
      if (!used.has(name)) break;
    }
    if (out.includes(name)) continue;
    used.add(name);
    out.push(name);
  }
  return out;
}
