// The peak RSS of an idle Node + tsx process: the floor under every roll-up figure.
export {};

process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
