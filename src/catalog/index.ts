/** The CIS monitoring family (4.1–4.15) as data: ids, names and pattern texts per profile, and the CONTROLS selector. */
export { mixesAndOr } from './binding';
export { CATALOG, controlByKey, DEFAULT_CONTROL_KEYS } from './catalog';
export { countedEventNames, eventNameLiterals } from './event-names';
export { CATALOG_PROFILE_IDS, PROFILES, type ProfileInfo, profileForBenchmark } from './profiles';
export { type ControlSelection, selectControls } from './select';
export { AND_BEFORE_OR, SOURCES } from './sources';
export type {
  CatalogControl,
  CatalogProfileId,
  ControlIds,
  ControlKey,
  ControlNames,
  ProfileEntry,
  SourceText,
  TextRelation,
} from './types';
