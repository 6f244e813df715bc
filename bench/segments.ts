/** The 20 segments of the batch benchmark and the demo: the kinds in the language's examples. */
export const BENCH_SEGMENTS = [
  {
    id: "shoe-searchers-no-purchase",
    name: "Searched running shoes in 30 days, bought nothing",
    definition: `exists(events where type = "search" and keywords contains "running shoes" and timestamp within last 30 days)
  and not exists(events where type = "purchase" and timestamp within last 30 days)`,
  },
  {
    id: "gold-us-adults",
    name: "Gold or platinum US adults",
    definition: 'loyalty.tier in ["gold", "platinum"] and country = "US" and yearsSince(birthDate) >= 18',
  },
  {
    id: "big-spenders-90d",
    name: "Spent over 500 in 90 days",
    definition: 'sum(events.revenue where type = "purchase" and timestamp within last 90 days) > 500',
  },
  {
    id: "lapsed-buyers",
    name: "No purchase for 60 days",
    definition: 'daysSince(max(events.timestamp where type = "purchase")) > 60',
  },
  {
    id: "cart-abandoners",
    name: "Viewed then added to cart within a day",
    definition:
      'sequence(events where type = "productView", events where type = "addToCart") within 1 day and not exists(events where type = "purchase" and timestamp within last 7 days)',
  },
  {
    id: "vip-big-spenders",
    name: "VIP big spenders",
    definition: 'inSegment("big-spenders-90d") and tags = "vip"',
  },
  {
    id: "reachable",
    name: "Has email, not unsubscribed",
    definition: 'tags != "unsubscribed" and email is not null',
  },
  {
    id: "engaged-email",
    name: "Opened 3+ emails in 30 days",
    definition: 'count(events where type = "emailOpen" and timestamp within last 30 days) >= 3',
  },
  {
    id: "clickers",
    name: "Clicked an email this week",
    definition: 'exists(events where type = "emailClick" and timestamp within last 7 days)',
  },
  {
    id: "frequent-visitors",
    name: "10+ page views in 14 days",
    definition: 'count(events where type = "pageView" and timestamp within last 14 days) >= 10',
  },
  {
    id: "support-heavy",
    name: "2+ support tickets in 60 days",
    definition: 'count(events where type = "supportTicket" and timestamp within last 60 days) >= 2',
  },
  { id: "new-signups", name: "Signed up in the last 30 days", definition: "signupDate within last 30 days" },
  {
    id: "high-avg-order",
    name: "Average order over 100",
    definition: 'avg(events.revenue where type = "purchase") > 100',
  },
  {
    id: "electronics-browsers",
    name: "Browsed electronics",
    definition:
      'exists(events where type = "productView" and product.category = "electronics" and timestamp within last 30 days)',
  },
  {
    id: "dormant",
    name: "No activity in 45 days",
    definition: "not exists(events where timestamp within last 45 days)",
  },
  { id: "european", name: "Lives in Europe", definition: 'country in ["FR", "DE", "GB", "ES", "IT"]' },
  { id: "points-rich", name: "Over 2000 loyalty points", definition: "loyalty.points > 2000" },
  { id: "premium-plan", name: "Premium plan", definition: 'lower(plan) = "premium"' },
  {
    id: "repeat-buyers",
    name: "3+ purchases ever",
    definition: 'count(events where type = "purchase") >= 3',
  },
  { id: "young-adults", name: "Aged 18 to 30", definition: "yearsSince(birthDate) between 18 and 30" },
];
