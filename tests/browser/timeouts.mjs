// Hang guards for the browser tests, not timed assertions: each is many times
// what the guarded step takes on a slow machine (axe over every page of one
// variant: ~20 s here, ~36 s on a 2-core machine 1.8× slower), so only a hang
// trips it. scripts/test.sh's --test-timeout is the default for the rest.

/** A test that visits every page of a site, or runs a checker over all of them. */
export const SLOW = { timeout: 10 * 60_000 };

/** A before() hook that launches the browser or builds a copy of the course. */
export const HOOK = { timeout: 5 * 60_000 };
