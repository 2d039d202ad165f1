import type { ComparisonOperator, Statistic } from '@aws-sdk/client-cloudwatch';
import type { Subscription } from '../config';
import type { AlarmView, FilterView, PolicyDocument } from '../model';

/** The exact PutMetricFilter input the enforcer writes. */
export interface FilterWrite {
  readonly logGroupName: string;
  readonly filterName: string;
  readonly filterPattern: string;
  readonly metricTransformations: readonly [
    { readonly metricNamespace: string; readonly metricName: string; readonly metricValue: string },
  ];
}

/** The exact PutMetricAlarm input the enforcer writes (other people's actions included). */
export interface AlarmWrite {
  readonly AlarmName: string;
  readonly AlarmDescription: string;
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Statistic: Statistic;
  readonly Period: number;
  readonly Threshold: number;
  readonly ComparisonOperator: ComparisonOperator;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm: number;
  readonly TreatMissingData: string;
  readonly ActionsEnabled: true;
  readonly AlarmActions: readonly string[];
  readonly OKActions: readonly string[];
  readonly InsufficientDataActions: readonly string[];
  readonly Tags?: readonly { Key: string; Value: string }[];
}

interface Base {
  readonly reasons: readonly string[];
}

/** One planned write; a discriminated union by resource. An empty plan means compliant. */
export type Change =
  | (Base & {
      readonly resource: 'trail';
      readonly action: 'update';
      readonly trailArn: string;
      readonly before: { readonly isLogging: false };
      readonly after: { readonly isLogging: true };
    })
  | (Base & {
      readonly resource: 'topic';
      readonly action: 'create';
      readonly before: null;
      readonly after: { readonly name: string; readonly policy: PolicyDocument };
    })
  | (Base & {
      readonly resource: 'topic-policy';
      readonly action: 'update';
      readonly topicArn: string;
      readonly before: PolicyDocument | null;
      readonly after: PolicyDocument;
    })
  | (Base & {
      readonly resource: 'subscription';
      readonly action: 'create';
      readonly topicArn: string;
      readonly before: null;
      readonly after: Subscription;
    })
  | (Base & {
      readonly resource: 'metric-filter';
      readonly action: 'create' | 'update';
      readonly before: FilterView | null;
      readonly after: FilterWrite;
    })
  | (Base & {
      readonly resource: 'alarm';
      readonly action: 'create' | 'update';
      readonly before: AlarmView | null;
      readonly after: AlarmWrite;
    });

/** A problem the enforcer reports; `blocking` ones keep the control from holding and are not fixable by it. */
export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly blocking: boolean;
}

export interface Plan {
  readonly changes: readonly Change[];
  readonly findings: readonly Finding[];
}
