import { dynamoDbApiTest } from './credentialTest';
import { getIndexes } from './indexes';
import { searchTables } from './tables';

/** n8n's methods of the DynamoDB node, by kind (the trigger shares the table search). */
export const listSearch = { searchTables };
export const loadOptions = { getIndexes };
export const credentialTest = { dynamoDbApiTest };
