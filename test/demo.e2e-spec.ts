import { runCliCaptured } from './support';

/**
 * `rung demo --exit` on a small dataset, end to end: it starts the built app, loads simulated data over
 * HTTP, defines the mentoring study (comparison arm without mentees, censored at enrolment, adjusted for
 * level, group and sex) and prints its headline table and hazard ratios before it stops.
 */
describe('rung demo', () => {
  it('defines the mentoring study and prints its headline table and adjusted hazard ratios', async () => {
    const { code, stdout } = await runCliCaptured(['demo', '--port', '0', '--orgs', '1', '--subjects', '4000', '--years', '4', '--seed', '3', '--exit']);

    expect(code).toBe(0);
    expect(stdout).toContain('who were not mentored');
    const table = stdout.slice(stdout.indexOf('Its headline table (exact mode):'));
    expect(table).toMatch(/promotion {4}mentoring {4}\s+6 {2}\d\.\d{3} {5}\d\.\d{3}–\d\.\d{3}/);
    expect(table).toMatch(/promotion {4}comparison {3}\s+36 {2}/);
    expect(table).toMatch(/promotion: hazard ratio of mentoring against comparison: \d\.\d{3} unadjusted, \d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\) adjusted for level, group and sex/);
    expect(stdout).toContain('part=adjusted-effects');
    expect(stdout).toMatch(/The dashboard page: open http:\/\/127\.0\.0\.1:\d+\/ and enter the dashboard key rung_[\w-]+\n\(or the research key rung_[\w-]+ for the studies/);
  }, 180_000);
});
