/**
 * Handler code for the code challenges: the starting code (the common mistake), the reference
 * solution, and a wrong variant, as the learner would write them for a Lambda function reading a
 * DynamoDB stream. They run in the user-code sandbox: `dynamodb` is the DynamoDB API, and
 * `process.env.TARGET_TABLE` names the consumer's target table.
 *
 * Data only. May not import anything at runtime.
 */

/** Archives every REMOVE: a user's own delete (a logout) ends up in the archive too. */
export const ARCHIVE_EVERY_REMOVE = `// Archives a session when its item is deleted.
export async function handler(event) {
  for (const record of event.Records) {
    if (record.eventName !== 'REMOVE') continue;
    await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: record.dynamodb.OldImage });
  }
}
`;

/** Archives only what TTL deleted: the record's userIdentity names the DynamoDB service. */
export const ARCHIVE_TTL_DELETES = `// Archives a session only when TTL deleted it: the DynamoDB service is the one deleting,
// and the record says so in userIdentity (a user's own delete carries none).
export async function handler(event) {
  for (const record of event.Records) {
    const byTtl = record.eventName === 'REMOVE'
      && record.userIdentity?.type === 'Service'
      && record.userIdentity?.principalId === 'dynamodb.amazonaws.com';
    if (!byTtl) continue;
    await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: record.dynamodb.OldImage });
  }
}
`;

/** Archives deletes of items that carry an expiry attribute: a logout of such a session slips in. */
export const ARCHIVE_IF_EXPIRY_SET = `// Archives a deleted session if it had an expiry: only sessions with a TTL are archived.
export async function handler(event) {
  for (const record of event.Records) {
    if (record.eventName !== 'REMOVE') continue;
    if (!record.dynamodb.OldImage?.expiresAt) continue;
    await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: record.dynamodb.OldImage });
  }
}
`;

/** Counts INSERTs only: a vote that replication changes (a MODIFY from another Region) is missed. */
export const COUNT_INSERTS_ONLY = `// Counts each new vote.
export async function handler(event) {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT') continue;
    const candidate = record.dynamodb.NewImage.candidate.S;
    await dynamodb.updateItem({
      TableName: process.env.TARGET_TABLE,
      Key: { candidate: { S: candidate } },
      UpdateExpression: 'ADD votes :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
  }
}
`;

/** Counts the new image of every INSERT and MODIFY: a vote that changes is counted for the new candidate but never taken from the old one. */
export const COUNT_NEW_IMAGES = `// Counts the candidate of every new or changed vote.
export async function handler(event) {
  for (const record of event.Records) {
    const candidate = record.dynamodb.NewImage?.candidate?.S;
    if (!candidate) continue;
    await dynamodb.updateItem({
      TableName: process.env.TARGET_TABLE,
      Key: { candidate: { S: candidate } },
      UpdateExpression: 'ADD votes :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
  }
}
`;
