/**
 * AWS errors as the JSON 1.0 protocol carries them.
 *
 * Every failure the simulated services report is an `AwsError`: its `code` is the short name an SDK
 * exposes as `error.name` (ConditionalCheckFailedException, ExpiredIteratorException, ...), its
 * `__type` is the namespaced form that travels on the wire, and `message` is the human text, worded
 * as AWS words it where the reference records it. Nothing here may touch the clock or the world.
 */

/** The namespace AWS puts before `#` in `__type` for both DynamoDB and DynamoDB Streams. */
export const AWS_ERROR_NAMESPACE = 'com.amazonaws.dynamodb.v20120810';

/** The error codes the simulation can raise; all are client faults (HTTP 400) but InternalServerError. */
export type AwsErrorCode =
  | 'ValidationException'
  | 'ConditionalCheckFailedException'
  | 'TransactionCanceledException'
  | 'IdempotentParameterMismatchException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'ExpiredIteratorException'
  | 'TrimmedDataAccessException'
  | 'LimitExceededException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalServerError'
  // AWS Lambda (event source mappings)
  | 'InvalidParameterValueException'
  | 'ResourceConflictException'
  | 'TooManyRequestsException';

export class AwsError extends Error {
  readonly code: AwsErrorCode;
  /** The wire form: `com.amazonaws.dynamodb.v20120810#<code>`. */
  readonly __type: string;
  readonly httpStatus: number;
  /** Extra fields some errors carry, e.g. `CancellationReasons` or `Item` (ReturnValuesOnConditionCheckFailure). */
  readonly extra: Record<string, unknown>;

  constructor(code: AwsErrorCode, message: string, extra: Record<string, unknown> = {}, wire: { httpStatus?: number; namespace?: string } = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.__type = wire.namespace === '' ? code : `${wire.namespace ?? AWS_ERROR_NAMESPACE}#${code}`;
    this.httpStatus = wire.httpStatus ?? (code === 'InternalServerError' ? 500 : 400);
    this.extra = extra;
  }

  /** The JSON body AWS sends for this error. */
  toBody(): Record<string, unknown> {
    return { __type: this.__type, message: this.message, ...this.extra };
  }
}

/** Shorthand for the most common error: a request the service refuses to parse or accept. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}
