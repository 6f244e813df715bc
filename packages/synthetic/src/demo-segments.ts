/**
 * Segments that find the behaviour the generator plants, for the demo and for tests: each one
 * has members in a default population (README.md lists their sizes for 20,000 profiles).
 */
export interface DemoSegment {
  id: string;
  name: string;
  definition: string;
  /** Worth re-evaluating as events arrive. */
  streaming: boolean;
}

export const DEMO_SEGMENTS: readonly DemoSegment[] = [
  {
    id: "running-shoes-no-buy",
    name: "Searched running shoes in the last 14 days, did not buy",
    definition:
      'exists(events where type = "search" and keywords contains "running shoes" and timestamp within last 14 days)\n' +
      'and not exists(events where type = "purchase" and timestamp within last 14 days)',
    streaming: true,
  },
  {
    id: "cart-abandoners",
    name: "Viewed then carted a product in the last 14 days, no purchase since",
    definition:
      "sequence(\n" +
      '  events where type = "productView" and timestamp within last 14 days,\n' +
      '  events where type = "addToCart" and timestamp within last 14 days\n' +
      ") within 1 hour\n" +
      'and not exists(events where type = "purchase" and timestamp within last 14 days)',
    streaming: true,
  },
  {
    id: "high-spenders",
    name: "Spent 500 or more in the last 180 days",
    definition: 'sum(events.revenue where type = "purchase" and timestamp within last 180 days) >= 500',
    streaming: false,
  },
  {
    id: "lapsed-buyers",
    name: "Bought before, nothing in the last 60 days",
    definition:
      'exists(events where type = "purchase")\n' +
      'and not exists(events where type = "purchase" and timestamp within last 60 days)',
    streaming: false,
  },
  {
    id: "vip",
    name: "VIP customers",
    definition: 'tags contains "vip"',
    streaming: false,
  },
  {
    id: "vip-at-risk",
    name: "VIPs with no activity in 21 days",
    definition: 'inSegment("vip") and not exists(events where timestamp within last 21 days)',
    streaming: false,
  },
  {
    id: "newsletter-clickers",
    name: "Subscribers who clicked a newsletter in the last 30 days",
    definition:
      'emailOptIn = true and email is not null\nand exists(events where type = "emailClick" and timestamp within last 30 days)',
    streaming: false,
  },
];
