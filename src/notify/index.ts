export { ALERT_SCHEMA, type AlertDocument } from './document';
export { createAlertMemory, QUIET_PERIOD_MS } from './memory';
export { ALERT_STATUSES, type Alert, buildAlert, formatAlert, sendsAlert, snsMessage } from './message';
export { createNotifier, type Notification, type NotifiedReport, type Notifier } from './notifier';
export { NOTIFY_GRANTS, publishAlert } from './publish';
export { alertSubject, SUBJECT_MAX } from './subject';
