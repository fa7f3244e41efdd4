// The OKR guide the add-on writes into a "OKR Guide" tab: product content, kept free of the
// domain core so it reads as a document. Two columns: a short label and the text. The numbers it
// quotes (0.4, 0.7, 1.0, the status tolerances) are checked against shared/ by the add-on's tests.

export type GuideStyle = 'title' | 'lead' | 'heading' | 'text' | 'term' | 'before' | 'after' | 'red' | 'yellow' | 'green' | 'check' | 'spacer';

export interface GuideLine {
  style: GuideStyle;
  label: string;
  text: string;
}

export const GUIDE_TAB = 'OKR Guide';

const line = (style: GuideStyle, label: string, text = ''): GuideLine => ({
  style,
  label,
  text,
});
const heading = (label: string) => [line('spacer', ''), line('heading', label)];
const term = (label: string, text: string) => line('term', label, text);
const before = (text: string) => line('before', '✗ Before', text);
const after = (text: string) => line('after', '✓ After', text);
const check = (text: string) => line('check', '☐', text);

export const GUIDE: readonly GuideLine[] = [
  line('title', 'OKRs: a field guide'),
  line(
    'lead',
    '',
    'Objectives and Key Results (OKRs) connect what each team works on to what the company needs this period. This tab explains how to write them, how they are scored, and how to run a planning session. Everything here is what the OKR tabs, the scoring formulas and the add-on’s quality check use.',
  ),

  ...heading('1. What an OKR is'),
  term(
    'Objective',
    'What you want to achieve, in words: significant, concrete, inspiring, and time-bound to this period. It answers “where do we want to go?” An objective has no numbers — numbers belong in its key results.',
  ),
  term(
    'Key result',
    'How you will know you got there: a measurable outcome with a number to reach (or a clear yes/no). It answers “how will we know?” Two to five per objective, each with one owner.',
  ),
  term(
    'Initiative',
    'The work you do to move a key result: projects, launches, tasks. Useful to plan, but not a key result — shipping something is activity; what it changes for customers or the business is the result.',
  ),
  term(
    'Period',
    'Usually a quarter. Set Start and End at the top of the OKR tab (or in Settings…) so the add-on can tell whether each objective is on track for the time elapsed.',
  ),
  term(
    'Committed or aspirational',
    'Set Kind on the objective row. Committed: a promise others plan around, to be met in full. Aspirational: a stretch goal set beyond what you know how to reach.',
  ),

  ...heading('2. Writing good OKRs'),
  term('Outcomes, not output', 'A key result describes a change in the world, not a task finished.'),
  before('Key result: Launch the new onboarding emails'),
  after('Key result: Activation rate from 40% to 65% (metric, Start 40%, Target 65%) — the emails are an initiative that should move it.'),
  term('No numbers in objectives', 'The objective says what and why; key results carry the numbers.'),
  before('Objective: Increase revenue by 20%'),
  after('Objective: Become the obvious choice for mid-sized teams — with key results such as “New annual revenue from mid-sized teams from $1.2M to $1.5M”.'),
  term('Measurable, with a baseline', 'Without a Start and a Target nobody can tell how far you have come.'),
  before('Key result: Improve customer satisfaction'),
  after('Key result: Customer satisfaction (CSAT) from 78% to 88% (metric, Start 78%, Target 88%)'),
  term('Specific enough to judge', 'A reader outside the team should be able to say whether it happened.'),
  before('Key result: Better release process'),
  after('Key result: Automated rollback in production (binary), and “Releases needing a hotfix from 6 to 1 per month” (metric)'),
  term('Few', 'Three to five objectives per team, two to five key results each. With more, nothing is a priority — the quality check flags more than five.'),
  term('Owned', 'Each key result has one owner (the Owner column) who checks it in every week. A shared key result is nobody’s.'),
  term(
    'Ambitious, honestly',
    'Set aspirational key results where reaching 70% would already be a good period. Set committed ones only where you are confident of 100%.',
  ),

  ...heading('3. Grading: the 0.0–1.0 scale'),
  line(
    'lead',
    '',
    'Every key result scores from 0.0 (no progress) to 1.0 (fully achieved). An objective’s score is the weighted mean of its key results’ scores. Colours in the Score, Objective Score and Grade columns follow this scale:',
  ),
  line('red', 'Red: below 0.4', 'Off target. Little progress so far: talk about what is blocking it and whether the key result is still the right one.'),
  line('yellow', 'Yellow: 0.4 up to 0.7', 'Progress, but short of success. For committed OKRs everything from 0.4 up to (not including) 1.0 is yellow.'),
  line('green', 'Green: 0.7 and above', 'On target for an aspirational OKR. A committed OKR turns green only at 1.0.'),
  term(
    'Why 0.7 is success',
    'An aspirational OKR is deliberately set beyond what you know how to reach. If a team always scores 1.0, its goals were not ambitious enough; landing around 0.6–0.7 means it stretched and still delivered a lot. An aspirational objective that ends above 0.9 is flagged by the quality check: next time, raise the bar.',
  ),
  term(
    'Why 1.0 for committed',
    'A committed OKR is a promise that other teams plan around — a launch date, a compliance deadline, a budget. Anything short of 1.0 is a miss: explain it and agree how to recover. Use committed OKRs sparingly.',
  ),
  term(
    'Grades are for learning',
    'A low score is information, not a verdict. Scores should never be the only input to anyone’s performance review — that is how teams learn to set safe goals.',
  ),

  ...heading('4. How each key result type is scored'),
  term(
    'metric',
    'Progress from Start to Target: (Current − Start) ÷ (Target − Start), kept between 0 and 1. Works for numbers that should fall, too: to bring churn from 5% down to 3%, set Start 5% and Target 3% — at 4% the score is 0.5. A blank Start counts as 0. If Start equals Target there is no range: the key result scores 1 when Current reaches Target and 0 otherwise (the quality check asks you to give it a range).',
  ),
  term(
    'milestone',
    'Steps done ÷ Target, where Target is the number of milestones (above 0): 3 of 5 done scores 0.6. Good for a sequence of deliverables whose impact is hard to count yet.',
  ),
  term(
    'binary',
    'Done or not: yes, true, done, 1 or ✓ score 1.0; no, false, not done, 0 or ✗ score 0.0. Binary key results give no credit for partial progress — prefer a metric or milestones where you can.',
  ),
  term(
    'manual',
    'Your own judgement of progress, typed in Current as 0–100% (70% scores 0.7). For results that cannot be counted; say in Notes how you judged.',
  ),
  term('Not checked in', 'A key result with a blank Current scores 0. Check in every week so the scores mean something.'),
  term('Weight', 'How much a key result counts in its objective’s score: blank counts as 1, 2 counts twice, 0 leaves it out.'),
  term(
    'Confidence',
    'How sure you are, 0–100%, that the key result will be met by the end of the period. A falling confidence is an early warning, long before the score shows it.',
  ),
  term(
    'Score columns',
    'Score, Objective Score and Grade are each one formula, in the header cell, that fills its column: rows you insert or add below, and new objectives, are scored at once. Do not type in those columns (they are protected with a warning): a typed value stops the column filling and its header shows #REF!. Clear it, or use Repair formulas in the add-on menu.',
  ),

  ...heading('5. Alignment and roll-up'),
  term(
    'Aligns To',
    'On the objective row, the id of the company objective (or parent team objective) it supports, e.g. CO-1. Several: separate them with commas. The company’s own objectives live in a Company OKRs tab.',
  ),
  term(
    'Roll-up',
    'A parent objective’s rolled-up score is the weighted mean of its own score and the scores of the objectives aligned to it, weighted by their Objective Weight (blank = 1). An objective that supports two parents counts in both.',
  ),
  term(
    'Align, don’t cascade',
    'Teams write their own OKRs in answer to the company’s, rather than copying them down. Most team objectives should support a company objective; a few can be the team’s own bets. Unaligned objectives show up in the company view, so the choice is visible.',
  ),
  term(
    'Status against time',
    'Halfway through the period an aspirational objective should be near 0.35 and a committed one near 0.5: the expected score rises evenly from 0 on the first day to 0.7 (aspirational) or 1.0 (committed) on the last. On track: within 0.1 of expected. At risk: within 0.25. Off track: further behind.',
  ),

  ...heading('6. Planning session checklist'),
  check('Before the session: score last period’s key results and write down one thing you learned from each objective.'),
  check('Read the company mission and the company objectives for the new period.'),
  check('Draft three to five objectives: what matters most now, and why now.'),
  check('For each objective, two to five key results that measure outcomes, each with a Type, a Start and a Target.'),
  check('Decide which objectives are committed (Kind) and check that the team can actually deliver them in full.'),
  check('For each aspirational key result, check that reaching 0.7 would be a good result.'),
  check('Fill in Aligns To with the company objective each one supports.'),
  check('Give every key result one owner. Then run List owners for reminders (add-on menu): it lists every owner in a People tab; fill in each one’s e-mail address so the weekly reminder reaches them.'),
  check('Set the period’s Start and End, and run Check OKR quality; fix what it finds.'),
  check('Agree the weekly check-in: who updates Current, Confidence and a note (Score key results… in the add-on menu), and when.'),

  ...heading('7. During and after the period'),
  term('Weekly', 'Open Score key results… and update Current, Confidence and a short note. Each update is kept in the Check-ins tab, so the trend is visible.'),
  term(
    'Weekly reminder',
    'When the sync service sends reminders, each owner whose key results have had no check-in for 7 days gets a short e-mail listing them, with a link to this sheet. It finds their address in a tab named People: one row per person, with the name exactly as written in the Owner column and their e-mail address in an Email column. List owners for reminders adds a row for each owner not listed yet. Leaders get a weekly digest.',
  ),
  term('Mid-period', 'Look at status against time. Off-track objectives need a decision: more effort, a different approach, or an honest re-scope.'),
  term('End of period', 'Record the final scores, then ask for each objective: what did we learn, what carries over, what do we stop?'),
];
