/** Every connector kind the app knows. Add a factory here to add a source kind. */
import type { SourceConfig } from '../../shared/ipc/schemas';
import type { AnyConnectorFactory } from './connector';
import { demoFactory } from './demo/demo-connector';
import { cdrCsvFactory } from './cdr-csv/cdr-csv-connector';
import { cdrSqlFactory } from './cdr-sql/cdr-sql-connector';
import { csvGenericFactory } from './csv-generic/csv-generic-connector';
import { imapFactory } from './imap/imap-connector';
import { xmppFactory } from './xmpp/xmpp-factory';

export const connectorFactories: AnyConnectorFactory[] = [demoFactory, imapFactory, xmppFactory, cdrCsvFactory, cdrSqlFactory, csvGenericFactory];

export function factoryFor(kind: SourceConfig['kind']): AnyConnectorFactory | undefined {
  return connectorFactories.find((f) => f.kind === kind);
}
