import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Config } from '../config';
import type { NotifiedReport } from '../notify';
import { createLogger, eventShape, logReport, runKeys } from './logger';
import { createMetrics, recordMetrics } from './metrics';

/** Logs and metrics of each invocation; built once per cold start. */
export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Starts an invocation: forgets the last run's keys, adds the Lambda request id, logs the event's shape at DEBUG. */
  begin(event: unknown, context?: Context): void;
  /** Ends an invocation: logs the report with its trigger, actor and event id, emits and flushes the metrics. */
  finish(report: NotifiedReport): void;
}

/** Builds the logger and metrics once, from the validated configuration. */
export function createTelemetry(config: Pick<Config, 'logLevel' | 'metricsNamespace'>): Telemetry {
  const logger = createLogger(config);
  const metrics = createMetrics(config);
  return {
    logger,
    metrics,
    begin(event, context) {
      logger.resetKeys();
      if (context) logger.addContext(context);
      logger.debug('invocation', { event: eventShape(event) });
    },
    finish(report) {
      logger.appendKeys(runKeys(report.trigger));
      logReport(logger, report);
      try {
        recordMetrics(metrics, report);
      } catch (error) {
        logger.error('metrics not emitted', { error });
      }
    },
  };
}
