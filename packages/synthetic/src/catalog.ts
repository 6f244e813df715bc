/**
 * The fixed world the population lives in: countries and cities, a product catalogue by
 * category, search keywords, names. Static data, the same for every seed.
 */

export const COUNTRIES: readonly (readonly [country: string, weight: number, cities: readonly string[]])[] = [
  ["US", 40, ["New York", "Los Angeles", "Chicago", "Austin", "Seattle", "Miami"]],
  ["GB", 12, ["London", "Manchester", "Bristol", "Edinburgh"]],
  ["FR", 10, ["Paris", "Lyon", "Marseille", "Toulouse"]],
  ["DE", 10, ["Berlin", "Munich", "Hamburg", "Cologne"]],
  ["CA", 8, ["Toronto", "Vancouver", "Montreal"]],
  ["BR", 8, ["São Paulo", "Rio de Janeiro", "Belo Horizonte"]],
  ["ES", 6, ["Madrid", "Barcelona", "Valencia"]],
  ["AU", 6, ["Sydney", "Melbourne", "Brisbane"]],
];

export interface Product {
  sku: string;
  category: string;
  price: number;
}

interface CategorySpec {
  category: string;
  code: string;
  /** Prices of the cheapest and the dearest product; the others are spaced geometrically. */
  minPrice: number;
  maxPrice: number;
  /** What people interested in the category type into search; the first is the most common. */
  keywords: readonly string[];
  /** Share of people whose main interest it is. */
  weight: number;
}

const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    category: "running",
    code: "RUN",
    minPrice: 12,
    maxPrice: 240,
    keywords: [
      "running shoes",
      "trail running shoes",
      "running shorts",
      "marathon training plan",
      "running socks",
    ],
    weight: 20,
  },
  {
    category: "outdoor",
    code: "OUT",
    minPrice: 15,
    maxPrice: 480,
    keywords: ["hiking boots", "tent", "rain jacket", "backpack", "sleeping bag"],
    weight: 14,
  },
  {
    category: "electronics",
    code: "ELE",
    minPrice: 19,
    maxPrice: 1200,
    keywords: ["headphones", "smartwatch", "usb-c charger", "bluetooth speaker", "laptop stand"],
    weight: 20,
  },
  {
    category: "home",
    code: "HOM",
    minPrice: 9,
    maxPrice: 350,
    keywords: ["coffee maker", "bed sheets", "desk lamp", "kitchen knife", "storage boxes"],
    weight: 18,
  },
  {
    category: "fashion",
    code: "FAS",
    minPrice: 14,
    maxPrice: 300,
    keywords: ["sneakers", "denim jacket", "summer dress", "wool sweater", "sunglasses"],
    weight: 18,
  },
  {
    category: "beauty",
    code: "BEA",
    minPrice: 6,
    maxPrice: 150,
    keywords: ["face cream", "perfume", "shampoo", "sunscreen", "lipstick"],
    weight: 10,
  },
];

/** Products per category, cheapest first. */
export const PRODUCTS_PER_CATEGORY = 20;

export interface Category {
  category: string;
  keywords: readonly string[];
  weight: number;
  /** Cheapest first. */
  products: readonly Product[];
}

export const CATEGORIES: readonly Category[] = CATEGORY_SPECS.map((spec) => ({
  category: spec.category,
  keywords: spec.keywords,
  weight: spec.weight,
  products: Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, j) => {
    const price = spec.minPrice * (spec.maxPrice / spec.minPrice) ** (j / (PRODUCTS_PER_CATEGORY - 1));
    return {
      sku: `${spec.code}-${String(j + 1).padStart(3, "0")}`,
      category: spec.category,
      // Shop prices end in .99; kept in whole cents so that sums stay exact in cents.
      price: Math.max(1, Math.round(price)) - 0.01,
    };
  }),
}));

/** What support tickets are about (`supportTicket` `topic`), each as likely as the others. */
export const TICKET_TOPICS = ["delivery", "refund", "payment", "login", "product quality"] as const;

/** Generic searches anyone may type. */
export const GENERIC_KEYWORDS: readonly string[] = ["sale", "gift ideas", "new arrivals", "free shipping"];

export const FIRST_NAMES: readonly string[] = [
  "ada",
  "alan",
  "grace",
  "linus",
  "margaret",
  "ken",
  "barbara",
  "dennis",
  "frances",
  "edsger",
  "radia",
  "john",
  "katherine",
  "tim",
  "hedy",
  "donald",
  "sophie",
  "guido",
  "anita",
  "james",
  "lynn",
  "bjarne",
  "mary",
  "niklaus",
  "karen",
  "yukihiro",
  "shafi",
  "leslie",
  "carol",
  "brendan",
];

export const LAST_NAMES: readonly string[] = [
  "lovelace",
  "turing",
  "hopper",
  "torvalds",
  "hamilton",
  "thompson",
  "liskov",
  "ritchie",
  "allen",
  "dijkstra",
  "perlman",
  "mccarthy",
  "johnson",
  "berners",
  "lamarr",
  "knuth",
  "wilson",
  "rossum",
  "borg",
  "gosling",
  "conway",
  "stroustrup",
  "shaw",
  "wirth",
  "jones",
  "matsumoto",
  "goldwasser",
  "lamport",
  "shannon",
  "eich",
];

export const EMAIL_DOMAINS: readonly string[] = ["example.com", "example.org", "example.net", "mail.test"];

export const PLANS: readonly (readonly [plan: string, weight: number])[] = [
  ["free", 60],
  ["plus", 28],
  ["premium", 12],
];

/** Loyalty tiers, lowest first: the tier's rank (0-3) enters the churn formula. */
export const TIERS = ["bronze", "silver", "gold", "platinum"] as const;
export type Tier = (typeof TIERS)[number];
