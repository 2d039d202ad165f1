import { CATALOG, type ControlKey, profileForBenchmark, selectControls } from '../../src/catalog';

const ALL = CATALOG.map((control) => control.key);

describe('selectControls', () => {
  it.each<[string | undefined, readonly ControlKey[]]>([
    [undefined, ['security-group-changes']],
    ['', ['security-group-changes']],
    ['  ,, ', ['security-group-changes']],
    ['all', ALL],
    ['ALL', ALL],
    [' all ', ALL],
    ['root-usage', ['root-usage']],
    ['Root-Usage', ['root-usage']],
    ['4.3', ['root-usage']],
    ['3.3', ['root-usage']],
    ['5.3', ['root-usage']],
    ['CloudWatch.1', ['root-usage']],
    ['cloudwatch.1', ['root-usage']],
    ['4.1', ['unauthorized-api-calls']],
    ['4.10', ['security-group-changes']],
    ['4.15', ['organizations-changes']],
    ['5.15', ['organizations-changes']],
    ['CloudWatch.2', ['unauthorized-api-calls']],
    ['CloudWatch.14', ['vpc-changes']],
    ['4.10,CloudWatch.10,security-group-changes,3.10,5.10', ['security-group-changes']],
    ['vpc-changes 4.1\troot-usage', ['unauthorized-api-calls', 'root-usage', 'vpc-changes']],
    ['4.13, 4.12 ,4.11', ['nacl-changes', 'network-gateway-changes', 'route-table-changes']],
    ['root-usage,\n4.2,', ['console-signin-without-mfa', 'root-usage']],
  ])('%j selects %j', (spec, keys) => {
    expect(selectControls(spec)).toEqual({ keys });
  });

  it.each([
    ['4.16', /"4\.16".*Security Hub is enabled/],
    ['5.16', /"5\.16".*no metric filter/],
    ['3.15', /unknown "3\.15"/],
    ['CloudWatch.15', /unknown "CloudWatch\.15"/],
    ['CloudWatch.01', /unknown "CloudWatch\.01"/],
    ['4.01', /unknown "4\.01"/],
    ['4', /unknown "4"/],
    ['CIS-4.10', /unknown "CIS-4\.10"/],
    ['root_usage', /unknown "root_usage"/],
    ['root-usage,nope,4.3,nope,4.99', /unknown "nope", "4\.99"\./],
    ['all,root-usage', /'all' stands alone/],
    ['\u001b[31mred', /unknown "\\u001b\[31mred"/],
  ])('%j is an error naming the bad entries', (spec, message) => {
    const selection = selectControls(spec);
    expect(selection).toEqual({ error: expect.stringMatching(message) });
  });

  it('names every valid key and id in the error', () => {
    const selection = selectControls('nope');
    if (!('error' in selection)) throw new Error('expected an error');
    for (const control of CATALOG) {
      expect(selection.error).toContain(control.key);
      expect(selection.error).toContain(control.ids.cis);
      if (control.ids.securityHub) expect(selection.error).toContain(control.ids.securityHub);
    }
  });

  it('cuts a long unknown entry when it shows it', () => {
    const selection = selectControls('x'.repeat(5000));
    expect('error' in selection && selection.error.length).toBeLessThan(2000);
  });
});

describe('profileForBenchmark', () => {
  it.each([
    ['1.2', 'cis-v1.2'],
    ['v1.2.0', 'cis-v1.2'],
    ['1.3.0', 'cis'],
    ['CIS v1.4.0', 'cis'],
    ['2.0', 'cis'],
    ['4.0.1', 'cis'],
    ['5.0', 'cis-v5'],
    ['6.0.0', 'cis-v5'],
    ['7.0', 'cis-v5'],
    ['1.1', undefined],
    ['4.1', undefined],
    ['latest', undefined],
  ])('%s → %s', (version, profile) => {
    expect(profileForBenchmark(version)).toBe(profile);
  });
});
