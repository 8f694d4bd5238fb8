/** The app's single database handle. Tests open their own with openDb(name). */
import { openDb, type SwitchboardDb } from './schema';

let instance: SwitchboardDb | undefined;

export function db(): SwitchboardDb {
  return (instance ??= openDb());
}
