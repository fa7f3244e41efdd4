// Northwind Analytics, Q4 2026: an invented B2B SaaS company (operational analytics for mid-market
// supply-chain and operations teams, ~180 people) — its company OKRs and seven teams' OKRs, with
// where each key result stands on 25 November and how it got there.
import { binary, manual, metric, milestone, type TeamSpec } from './spec.ts';

export const PERIOD = { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' } as const;
/** "Today" for the examples: the period is ~60% elapsed. */
export const AS_OF = '2026-11-25';
/** Fixed file timestamps, so the generator's output is the same on every run. */
export const EXPORTED_AT = new Date('2026-11-25T08:00:00Z');

export const COMPANY = 'Northwind Analytics';

export const TEAMS: TeamSpec[] = [
  {
    file: 'company',
    format: 'xlsx',
    level: 'company',
    team: COMPANY,
    mission: 'Give every operations team answers it can trust, in seconds.',
    checkinDay: 0,
    checkinHour: 17,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'CO-1',
        title: 'Become the analytics platform mid-market operations teams choose first',
        kind: 'aspirational',
        owner: 'Maya Okafor',
        notes: 'Growth: new logos, new regions, new ARR.',
        keyResults: [
          metric('Net new ARR from $0 to $3,000,000', 'Maya Okafor', 'usd', 0, 3_000_000, 1_740_000, {
            confidence: [0.7, 0.65],
            shape: 'late',
            step: 10_000,
            notes: { 3: 'Two six-figure deals slipped into November.', 7: 'Logistics vertical closing well; EMEA still thin.' },
          }),
          metric('New customers from 0 to 45', 'Priya Natarajan', 'int', 0, 45, 24, { confidence: [0.75, 0.7] }),
          milestone('Open the UK and Germany as sales regions', 'Lukas Weber', 2, 1, {
            confidence: [0.6, 0.7],
            shape: 'late',
            notes: { 6: 'UK open: first two deals signed in London.' },
          }),
        ],
      },
      {
        id: 'CO-2',
        title: 'Make every customer successful enough to stay and grow',
        kind: 'aspirational',
        owner: 'Sofia Alvarez',
        keyResults: [
          metric('Net revenue retention from 106% to 115%', 'Sofia Alvarez', 'pct', 1.06, 1.15, 1.1, {
            confidence: [0.6, 0.55],
            notes: { 5: 'Expansion is ahead of plan; two large downgrades hurt.' },
          }),
          metric('Monthly logo churn from 1.8% down to 1.0%', 'Sofia Alvarez', 'pct1', 0.018, 0.01, 0.014, {
            confidence: [0.5, 0.6],
            shape: 'early',
          }),
        ],
      },
      {
        id: 'CO-3',
        title: 'Ship a product that feels fast and trustworthy',
        kind: 'aspirational',
        owner: 'Lena Fischer',
        keyResults: [
          metric('Product NPS from 31 to 45', 'Lena Fischer', 'int', 31, 45, 38, { confidence: [0.6, 0.65] }),
          binary('AI Assist generally available to every customer', 'Lena Fischer', null, {
            confidence: [0.8, 0.55],
            notes: { 4: 'Beta extended two weeks to fix answer quality.', 8: 'GA moved to 8 December: the pen test comes first.' },
          }),
        ],
      },
      {
        id: 'CO-4',
        title: 'Build an efficient company that funds its own growth',
        kind: 'committed',
        owner: 'Daniel Reyes',
        keyResults: [
          metric('Burn multiple from 1.8 down to 1.2', 'Daniel Reyes', 'dec2', 1.8, 1.2, 1.45, {
            weight: 2,
            confidence: [0.6, 0.6],
            step: 0.05,
            notes: { 6: 'Cloud savings are slower than planned (see ENG-5).' },
          }),
          metric('Gross margin from 74% to 78%', 'Daniel Reyes', 'pct1', 0.74, 0.78, 0.762, { confidence: [0.7, 0.7], step: 0.001 }),
          binary('SOC 2 Type II report issued', 'Arjun Mehta', null, {
            confidence: [0.7, 0.5],
            notes: { 7: 'Auditor fieldwork starts 7 December; the report could land in January.' },
          }),
        ],
      },
    ],
  },
  {
    file: 'sales',
    format: 'xlsx',
    level: 'team',
    team: 'Sales',
    checkinDay: 0,
    checkinHour: 9,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'SALES-1',
        title: 'Build a pipeline we can bet the quarter on',
        alignsTo: ['CO-1'],
        kind: 'committed',
        owner: 'Priya Natarajan',
        keyResults: [
          metric('Qualified pipeline created from $0 to $9,000,000', 'Priya Natarajan', 'usd', 0, 9_000_000, 5_600_000, {
            weight: 2,
            confidence: [0.8, 0.7],
            step: 100_000,
            notes: { 2: 'Webinar leads converting better than expected.', 6: 'Big week: logistics conference brought in $700k.' },
          }),
          metric('Pipeline coverage for Q1 from 2.1x to 3.0x', 'Aisha Rahman', 'dec1', 2.1, 3, 2.6, { confidence: [0.6, 0.65] }),
        ],
      },
      {
        id: 'SALES-2',
        title: 'Win the mid-market deals that matter most',
        alignsTo: ['CO-1'],
        kind: 'aspirational',
        weight: 2,
        owner: 'Jordan Blake',
        notes: 'Counts double in CO-1: this is where the ARR comes from.',
        keyResults: [
          metric('New ARR closed from $0 to $2,400,000', 'Jordan Blake', 'usd', 0, 2_400_000, 1_380_000, {
            confidence: [0.7, 0.7],
            shape: 'late',
            step: 10_000,
            notes: { 4: 'Closed Harbor Freight Co. ($180k).', 8: 'Three deals in legal; all need security review.' },
          }),
          metric('Win rate from 18% to 25%', 'Jordan Blake', 'pct', 0.18, 0.25, 0.21, { confidence: [0.5, 0.55] }),
          metric('Average sales cycle from 74 down to 60 days', 'Aisha Rahman', 'int', 74, 60, 69, {
            confidence: [0.5, 0.45],
            shape: 'early',
            notes: { 7: 'Security questionnaires add two weeks to every deal.' },
          }),
        ],
      },
      {
        id: 'SALES-3',
        title: 'Open Europe as our second home market',
        alignsTo: ['CO-1'],
        kind: 'aspirational',
        owner: 'Lukas Weber',
        keyResults: [
          milestone('Hire country managers for the UK and DACH', 'Lukas Weber', 2, 2, { confidence: [0.7, 1], notes: { 3: 'UK country manager starts 2 Nov.' } }),
          milestone('Sign our first five European customers', 'Lukas Weber', 5, 2, { confidence: [0.5, 0.45], shape: 'late', from: 3 }),
          milestone('Sign two EU reseller partners', 'Lukas Weber', 2, 0, {
            confidence: [0.6, 0.35],
            from: 4,
            notes: { 4: 'Shortlist of four partners.', 7: 'Both partners stuck in legal review.' },
          }),
        ],
      },
      {
        id: 'SALES-4',
        title: 'Turn happy customers into bigger customers',
        alignsTo: ['CO-2'],
        kind: 'committed',
        owner: 'Carmen Diaz',
        keyResults: [
          metric('Expansion ARR from $0 to $600,000', 'Carmen Diaz', 'usd', 0, 600_000, 390_000, { confidence: [0.7, 0.75], step: 5_000 }),
          milestone('Multi-year renewals signed', 'Carmen Diaz', 10, 6, { confidence: [0.7, 0.7] }),
        ],
      },
    ],
  },
  {
    file: 'marketing',
    format: 'xlsx',
    level: 'team',
    team: 'Marketing',
    checkinDay: 1,
    checkinHour: 10,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'MKT-1',
        title: "Fill Sales' pipeline with buyers who are ready to talk",
        alignsTo: ['SALES-1'],
        kind: 'aspirational',
        owner: 'Hannah Lee',
        notes: 'Aligned to SALES-1: marketing exists to feed the pipeline.',
        keyResults: [
          metric('Marketing-sourced SQLs from 0 to 1,200', 'Hannah Lee', 'int', 0, 1200, 820, { confidence: [0.7, 0.75], step: 10 }),
          metric('Cost per SQL from $1,450 down to $1,100', 'Hannah Lee', 'usd', 1450, 1100, 1240, {
            confidence: [0.6, 0.6],
            step: 10,
            notes: { 5: 'Paused two LinkedIn campaigns that were not converting.' },
          }),
          metric('SQL-to-opportunity conversion from 32% to 40%', 'Hannah Lee', 'pct', 0.32, 0.4, 0.36, { confidence: [0.6, 0.6] }),
        ],
      },
      {
        id: 'MKT-2',
        title: 'Make Northwind the first name operations leaders think of',
        alignsTo: ['CO-1'],
        kind: 'aspirational',
        owner: 'Chloe Martin',
        keyResults: [
          metric('Branded search volume from 8,200 to 12,000 a month', 'Chloe Martin', 'int', 8200, 12000, 10900, { confidence: [0.6, 0.8], shape: 'early', step: 100 }),
          binary('Launch the State of Operations report', 'Ravi Kapoor', 6, {
            confidence: [0.8, 1],
            notes: { 4: 'Survey closed with 1,140 responses.', 6: 'Launched: 3,800 downloads in the first week.' },
          }),
          milestone('Speak at six industry conferences', 'Chloe Martin', 6, 4, { confidence: [0.7, 0.8] }),
        ],
      },
      {
        id: 'MKT-3',
        title: 'Tell 12 customer stories that sell for us',
        alignsTo: ['CO-1'],
        kind: 'aspirational',
        owner: 'Ravi Kapoor',
        keyResults: [
          milestone('Customer case studies published', 'Ravi Kapoor', 12, 5, {
            confidence: [0.7, 0.4],
            notes: { 5: 'Legal approvals at customers take 3–4 weeks.' },
          }),
          metric('G2 reviews from 140 to 250', 'Ravi Kapoor', 'int', 140, 250, 160, {
            confidence: [0.6, 0.3],
            shape: 'stall',
            notes: { 6: 'Review campaign paused while we change incentive vendors.' },
          }),
        ],
      },
    ],
  },
  {
    file: 'product',
    format: 'xlsx',
    level: 'team',
    team: 'Product',
    checkinDay: 4,
    checkinHour: 11,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'PROD-1',
        title: "Make AI Assist something customers can't live without",
        alignsTo: ['CO-1', 'CO-3'],
        kind: 'aspirational',
        weight: 2,
        owner: 'Noah Williams',
        notes: 'Supports growth (CO-1) and product quality (CO-3).',
        keyResults: [
          metric('Beta accounts using AI Assist weekly from 0 to 120', 'Noah Williams', 'int', 0, 120, 84, { weight: 2, confidence: [0.7, 0.8], shape: 'early' }),
          metric('AI answers rated helpful from 61% to 80%', 'Noah Williams', 'pct', 0.61, 0.8, 0.72, {
            confidence: [0.6, 0.6],
            notes: { 3: 'New retrieval model: +5 points overnight.' },
          }),
          binary('GA launch review passed', 'Noah Williams', null, { confidence: [0.8, 0.6], notes: { 6: 'Review set for 4 December, after the pen test.' } }),
        ],
      },
      {
        id: 'PROD-2',
        title: 'Help new customers reach their first insight on day one',
        alignsTo: ['CO-2'],
        kind: 'aspirational',
        owner: 'Emma Johansson',
        keyResults: [
          metric('Activation rate from 38% to 60%', 'Emma Johansson', 'pct', 0.38, 0.6, 0.49, { confidence: [0.6, 0.6] }),
          metric('Median time to first dashboard from 3.5 to 1.0 days', 'Emma Johansson', 'dec1', 3.5, 1, 2.1, {
            confidence: [0.6, 0.7],
            notes: { 5: 'Template gallery shipped: biggest drop so far.' },
          }),
          milestone('Ship four onboarding improvements', 'Emma Johansson', 4, 3, { confidence: [0.8, 0.85] }),
        ],
      },
      {
        id: 'PROD-3',
        title: 'Understand exactly why customers leave',
        alignsTo: ['CO-2'],
        kind: 'committed',
        owner: 'Kenji Tanaka',
        keyResults: [
          milestone('Churn interviews completed', 'Kenji Tanaka', 20, 14, { confidence: [0.8, 0.9] }),
          binary('Churn-reason taxonomy adopted by Customer Success', 'Kenji Tanaka', 4, { confidence: [0.7, 1] }),
        ],
      },
      {
        id: 'PROD-4',
        title: 'Price and package for the mid-market',
        alignsTo: ['CO-1', 'CO-4'],
        kind: 'aspirational',
        owner: 'Lena Fischer',
        keyResults: [
          binary('New packaging approved by the leadership team', 'Lena Fischer', 3, { confidence: [0.7, 1] }),
          metric('Pricing page conversion from 2.4% to 3.2%', 'Emma Johansson', 'pct1', 0.024, 0.032, 0.025, {
            confidence: [0.5, 0.3],
            shape: 'stall',
            from: 4,
            notes: { 6: 'New pricing page only went live on 13 Nov; too early to tell.' },
          }),
          manual('Pricing research we would bet on (team judgement)', 'Lena Fischer', 0.6, { confidence: [0.6, 0.7] }),
        ],
      },
    ],
  },
  {
    file: 'engineering',
    format: 'xlsx',
    level: 'team',
    team: 'Engineering',
    checkinDay: 3,
    checkinHour: 16,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'ENG-1',
        title: 'Make dashboards feel instant',
        alignsTo: ['CO-3'],
        kind: 'aspirational',
        weight: 2,
        owner: 'Olivia Chen',
        keyResults: [
          metric('p95 dashboard load time from 4.2 s to 1.5 s', 'Olivia Chen', 'dec1', 4.2, 1.5, 2.1, {
            confidence: [0.5, 0.8],
            shape: 'early',
            notes: { 2: 'Columnar cache rolled out to 20% of tenants.', 4: 'Cache at 100%: p95 down a full second.' },
          }),
          metric('Query cache hit rate from 35% to 70%', 'Olivia Chen', 'pct', 0.35, 0.7, 0.62, { confidence: [0.6, 0.8], shape: 'early' }),
        ],
      },
      {
        id: 'ENG-2',
        title: 'Keep the platform reliable while we grow',
        alignsTo: ['CO-3'],
        kind: 'committed',
        owner: 'Ben Carter',
        keyResults: [
          metric('Uptime stays at 99.9%', 'Ben Carter', 'pct1', 0.999, 0.999, 0.999, { confidence: [0.9, 0.9] }),
          metric('Mean time to recover from 95 to 30 minutes', 'Ben Carter', 'int', 95, 30, 48, {
            confidence: [0.6, 0.7],
            notes: { 3: 'On-call runbooks rewritten for the top ten alerts.' },
          }),
        ],
      },
      {
        id: 'ENG-3',
        title: 'Ship AI Assist to every customer safely',
        alignsTo: ['PROD-1'],
        kind: 'aspirational',
        owner: 'Yuki Sato',
        keyResults: [
          metric('Evaluation suite from 0 to 300 graded questions', 'Yuki Sato', 'int', 0, 300, 240, { confidence: [0.7, 0.85] }),
          metric('AI answer latency p95 from 9 s to 3 s', 'Yuki Sato', 'dec1', 9, 3, 5.5, { confidence: [0.5, 0.5], shape: 'stall' }),
          binary('Prompt-injection pen test passed', 'Fatima Zahra', null, {
            confidence: [0.7, 0.6],
            notes: { 5: 'Pen test booked for the week of 30 Nov.' },
          }),
        ],
      },
      {
        id: 'ENG-4',
        title: 'Earn enterprise-grade security trust',
        alignsTo: ['CO-4'],
        kind: 'committed',
        owner: 'Fatima Zahra',
        notes: 'Enterprise deals are waiting on this (see SALES-2).',
        keyResults: [
          binary('SOC 2 Type II audit fieldwork complete', 'Fatima Zahra', null, {
            confidence: [0.8, 0.5],
            notes: { 6: 'Auditor moved fieldwork to 7 December.' },
          }),
          milestone('Security controls automated', 'Fatima Zahra', 40, 28, { confidence: [0.7, 0.6] }),
          metric('Critical vulnerabilities older than 30 days from 12 to 0', 'Fatima Zahra', 'int', 12, 0, 5, { confidence: [0.6, 0.6] }),
        ],
      },
      {
        id: 'ENG-5',
        title: 'Cut our cloud bill without slowing anyone down',
        alignsTo: ['CO-4'],
        kind: 'committed',
        owner: 'Diego Santos',
        notes: 'Off track: reserved-instance purchase is blocked on the new budget.',
        keyResults: [
          metric('Monthly cloud spend from $182,000 down to $150,000', 'Diego Santos', 'usd', 182_000, 150_000, 171_000, {
            confidence: [0.7, 0.3],
            shape: 'stall',
            step: 1000,
            notes: { 3: 'Idle staging clusters shut down: -$9k.', 5: 'Reserved instances need CFO sign-off.', 7: 'Still blocked; asking to move the decision up.' },
          }),
          metric('Cloud cost per active customer from $61 to $48', 'Diego Santos', 'usd', 61, 48, 57, { confidence: [0.6, 0.3], shape: 'stall', step: 1 }),
        ],
      },
      {
        id: 'ENG-6',
        title: 'Modernize our internal developer tooling',
        kind: 'aspirational',
        owner: 'Sam Patel',
        notes: 'Not aligned yet: which company objective does this serve?',
        keyResults: [
          metric('CI pipeline time from 28 to 12 minutes', 'Sam Patel', 'int', 28, 12, 19, { confidence: [0.7, 0.7] }),
          manual('Developer experience (team judgement)', 'Sam Patel', 0.55, { confidence: [0.6, 0.6] }),
          milestone('Services moved to the new build system', 'Sam Patel', 14, 6, { confidence: [0.6, 0.5] }),
        ],
      },
    ],
  },
  {
    file: 'customer-success',
    format: 'xlsx',
    level: 'team',
    team: 'Customer Success',
    checkinDay: 0,
    checkinHour: 14,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'CS-1',
        title: 'Stop preventable churn',
        alignsTo: ['CO-2'],
        kind: 'committed',
        weight: 2,
        owner: 'Omar Haddad',
        keyResults: [
          metric('At-risk accounts saved from 50% to 80%', 'Omar Haddad', 'pct', 0.5, 0.8, 0.65, {
            confidence: [0.6, 0.6],
            notes: { 4: 'Save desk staffed; playbook from PROD-3 interviews.' },
          }),
          metric('Accounts with a health score from 60% to 100%', 'Omar Haddad', 'pct', 0.6, 1, 0.92, { confidence: [0.8, 0.9], shape: 'early' }),
        ],
      },
      {
        id: 'CS-2',
        title: 'Answer customers faster than they expect',
        alignsTo: ['CO-2'],
        kind: 'aspirational',
        owner: 'Nadia Petrova',
        keyResults: [
          metric('Median first response time from 6 hours to 1 hour', 'Nadia Petrova', 'dec1', 6, 1, 2, {
            confidence: [0.6, 0.85],
            shape: 'early',
            notes: { 3: 'Follow-the-sun rota with the new Lisbon hires.' },
          }),
          metric('Support CSAT from 88% to 94%', 'Nadia Petrova', 'pct', 0.88, 0.94, 0.93, { confidence: [0.7, 0.8] }),
          metric('Fewer reopened tickets (from 12%)', 'Nadia Petrova', 'pct', 0.12, null, 0.09, { confidence: [0.5, 0.6] }),
        ],
      },
      {
        id: 'CS-3',
        title: 'Grow accounts through value reviews',
        alignsTo: ['SALES-4'],
        kind: 'aspirational',
        owner: 'Omar Haddad',
        notes: 'Feeds expansion deals to Sales (SALES-4).',
        keyResults: [
          milestone('Executive business reviews held', 'Omar Haddad', 60, 38, { confidence: [0.7, 0.7] }),
          metric('Expansion opportunities handed to Sales from 0 to 40', 'Omar Haddad', 'int', 0, 40, 22, { confidence: [0.6, 0.65] }),
        ],
      },
      {
        id: 'CS-4',
        title: 'Build a customer community that answers itself',
        alignsTo: ['CO-2'],
        kind: 'aspirational',
        owner: 'Julia Novak',
        keyResults: [
          binary('Community launched', 'Julia Novak', 2, { confidence: [0.9, 1], notes: { 2: 'Live at community.northwind.example.' } }),
          metric('Monthly active community members from 0 to 1,500', 'Julia Novak', 'int', 0, 1500, 620, { confidence: [0.6, 0.5], step: 10 }),
          manual('Questions answered by peers (team judgement)', 'Julia Novak', 0.3, { weight: 0.5, confidence: [0.5, 0.5] }),
        ],
      },
    ],
  },
  {
    file: 'people',
    format: 'csv',
    level: 'team',
    team: 'People',
    checkinDay: 1,
    checkinHour: 15,
    yesNo: ['done', 'not done'],
    objectives: [
      {
        id: 'PPL-1',
        title: 'Hire the team that gets us to the next stage',
        alignsTo: ['CO-1'],
        kind: 'committed',
        owner: 'Ethan Moore',
        keyResults: [
          metric('Hires closed from 0 to 40', 'Ethan Moore', 'int', 0, 40, 26, { confidence: [0.7, 0.65] }),
          metric('Offer acceptance rate from 78% to 90%', 'Ethan Moore', 'pct', 0.78, 0.9, 0.84, { confidence: [0.6, 0.6] }),
          metric('Time to hire from 48 down to 38 days', 'Ethan Moore', 'int', 48, 38, 42, { confidence: [0.5, 0.6] }),
        ],
      },
      {
        id: 'PPL-2',
        title: 'Make Northwind a place people want to stay',
        alignsTo: ['CO-4'],
        kind: 'aspirational',
        owner: 'Grace Kim',
        keyResults: [
          metric('Regretted attrition from 9% down to 6%', 'Grace Kim', 'pct1', 0.09, 0.06, 0.075, { confidence: [0.6, 0.6], step: 0.005 }),
          manual('Engagement survey (team judgement)', 'Grace Kim', 0.7, { confidence: [0.7, 0.75], notes: { 6: 'Pulse survey: 81% would recommend Northwind.' } }),
          milestone('Managers trained in the new feedback program', 'Zoe Adams', 25, 20, { confidence: [0.8, 0.9] }),
        ],
      },
      {
        id: 'PPL-3',
        title: 'Pay people fairly and transparently',
        alignsTo: ['CO-4'],
        kind: 'committed',
        owner: 'Zoe Adams',
        keyResults: [
          binary('Salary bands published for every role', 'Zoe Adams', 5, { confidence: [0.8, 1] }),
          binary('Pay equity review completed', 'Zoe Adams', null, { confidence: [0.7, 0.6], notes: { 7: 'External review firm starts 1 Dec.' } }),
        ],
      },
    ],
  },
  {
    file: 'finance',
    format: 'csv',
    level: 'team',
    team: 'Finance',
    checkinDay: 4,
    checkinHour: 10,
    yesNo: ['yes', 'no'],
    objectives: [
      {
        id: 'FIN-1',
        title: 'Spend every dollar like it is our own',
        alignsTo: ['CO-4'],
        kind: 'committed',
        owner: 'Ines Costa',
        keyResults: [
          metric('Software spend per employee from $1,200 down to $900 a month', 'Ines Costa', 'usd', 1200, 900, 1050, {
            confidence: [0.6, 0.6],
            notes: { 4: 'Cancelled 14 unused SaaS seats across teams.' },
          }),
          milestone('Vendor contracts renegotiated', 'Ines Costa', 10, 6, { confidence: [0.7, 0.7] }),
          metric('Forecast accuracy from 85% to 95%', 'Ines Costa', 'pct', 0.85, 0.95, 0.91, { confidence: [0.7, 0.7] }),
        ],
      },
      {
        id: 'FIN-2',
        title: 'Close the books fast and clean',
        alignsTo: ['CO-4'],
        kind: 'aspirational',
        owner: 'Marcus Webb',
        keyResults: [
          metric('Days to close the month from 10 down to 5', 'Marcus Webb', 'int', 10, 5, 7, { confidence: [0.7, 0.75], notes: { 5: 'October closed in 7 days.' } }),
          metric('Invoices processed automatically from 1,000 to 3,000 a month', 'Marcus Webb', 'int', 1000, 3000, 2100, { confidence: [0.6, 0.7], step: 50 }),
          metric('Days sales outstanding from 52 down to 40', 'Marcus Webb', 'int', 52, 40, 46, { confidence: [0.6, 0.6] }),
        ],
      },
    ],
  },
];
