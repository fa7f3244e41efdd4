// The peak RSS of an idle Node process (the bench runs its parts as bundles, as okr runs): the floor under every roll-up figure.
export {};

process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
