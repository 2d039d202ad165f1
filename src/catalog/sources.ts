/**
 * The sources the catalog's texts are copied from, as named in each text's `source`
 * (snapshots read for research/cis-monitoring-controls.md; the CIS PDFs themselves were not available).
 */
export const SOURCES = {
  SP: 'Steampipe docs: turbot/steampipe-mod-aws-compliance @a1d0b446, cis_vNNN/docs/*.md (--filter-pattern)',
  P: 'Prowler compliance JSON: prowler-cloud/prowler @3e000faa31, prowler/compliance/aws/cis_N_aws.json',
  SH: 'Security Hub user guide: awsdocs/aws-security-hub-user-guide @bda5bf7, doc_source/cloudwatch-controls.md',
  ASR: 'Automated Security Response: aws-solutions/automated-security-response-on-aws @3795962, cloudwatch_get_input_values.py',
  SS: 'ScoutSuite: nccgroup/ScoutSuite @7909f2fc, ScoutSuite/providers/aws/resources/cloudwatch/base.py',
} as const;

/** How `&&` and `||` bind where a source writes them without parentheses: documented, `&&` first. */
export const AND_BEFORE_OR =
  '`&&` binds tighter than `||`: "Parenthesis are allowed and the syntax follows standard order of ' +
  'operations () > && > ||" (CloudWatch Logs User Guide, Filter and Pattern Syntax, JSON Compound ' +
  'Conditions; awsdocs/amazon-cloudwatch-logs-user-guide @1487b94 doc_source/FilterAndPatternSyntax.md)';
