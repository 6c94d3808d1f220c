/**
 * CreateEventSourceMapping / UpdateEventSourceMapping parameters for DynamoDB streams: AWS's
 * defaults (reference §6.2, check 45), validation with AWS's error codes and wording (recorded cases
 * 22 and 23) and the response shape (cases 20, 21, 24, 25). Pure functions of their input; errors
 * are Lambda's (`Type: 'User'` on the service's own errors, none on model validation errors).
 */
import { AwsError, type AwsErrorCode } from '../../api/errors.ts';
import { destinationKind } from '../../lambda/destinations.ts';
import { compileFilters, type CompiledFilter } from './filter.ts';

export interface EsmConfig {
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  StartingPosition: 'TRIM_HORIZON' | 'LATEST';
  ParallelizationFactor: number;
  BisectBatchOnFunctionError: boolean;
  MaximumRetryAttempts: number;
  MaximumRecordAgeInSeconds: number;
  FunctionResponseTypes: 'ReportBatchItemFailures'[];
  FilterCriteria?: { Filters: { Pattern: string }[] };
  DestinationConfig: { OnFailure: { Destination?: string } };
  TumblingWindowInSeconds: number;
}

export const DEFAULTS = {
  BatchSize: 100,
  MaximumBatchingWindowInSeconds: 0,
  ParallelizationFactor: 1,
  BisectBatchOnFunctionError: false,
  MaximumRetryAttempts: -1,
  MaximumRecordAgeInSeconds: -1,
} as const;

export function lambdaError(code: AwsErrorCode, message: string, httpStatus = 400): AwsError {
  return new AwsError(code, message, { Type: 'User' }, { httpStatus, namespace: '' });
}

/** Model validation failures: code ValidationException, no `Type`. */
function modelError(message: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: ${message}`, {}, { httpStatus: 400, namespace: '' });
}

function intParam(input: Record<string, unknown>, name: string, wire: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw modelError(`Value '${String(v)}' at '${wire}' failed to satisfy constraint: Member must be an integer`);
  if (v < min) throw modelError(`Value '${v}' at '${wire}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (v > max) throw modelError(`Value '${v}' at '${wire}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return v;
}

function boolParam(input: Record<string, unknown>, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw lambdaError('InvalidParameterValueException', `${name} must be a boolean`);
  return v;
}

/** Checks StartingPosition for a DynamoDB stream (case 22: null, unknown value, AT_TIMESTAMP). */
export function startingPosition(input: Record<string, unknown>, streamArn: string): 'TRIM_HORIZON' | 'LATEST' {
  const v = input.StartingPosition;
  if (v !== undefined && v !== null && v !== 'TRIM_HORIZON' && v !== 'LATEST' && v !== 'AT_TIMESTAMP') {
    throw modelError(`Value '${String(v)}' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]`);
  }
  if (v === undefined || v === null) {
    throw lambdaError('InvalidParameterValueException', "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
  }
  if (v === 'AT_TIMESTAMP') throw lambdaError('InvalidParameterValueException', `Unsupported starting position for arn type: ${streamArn}`);
  return v;
}

function functionResponseTypes(input: Record<string, unknown>): EsmConfig['FunctionResponseTypes'] | undefined {
  const v = input.FunctionResponseTypes;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw modelError(`Value '${String(v)}' at 'functionResponseTypes' failed to satisfy constraint: Member must be a list`);
  for (const t of v) {
    if (t !== 'ReportBatchItemFailures') {
      throw modelError(`Value '[${v.map(String).join(', ')}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]`);
    }
  }
  return v.length > 0 ? ['ReportBatchItemFailures'] : [];
}

function filterCriteria(input: Record<string, unknown>): { criteria?: EsmConfig['FilterCriteria']; compiled: CompiledFilter[] } | undefined {
  const v = input.FilterCriteria;
  if (v === undefined || v === null) return undefined;
  const filters = (v as { Filters?: unknown }).Filters;
  if (typeof v !== 'object' || (filters !== undefined && !Array.isArray(filters))) throw lambdaError('InvalidParameterValueException', 'Invalid FilterCriteria: Filters must be a list');
  const list = (filters ?? []) as unknown[];
  if (list.length > 5) throw lambdaError('InvalidParameterValueException', 'The maximum number of filters per event source mapping (5) was exceeded.');
  const patterns = list.map((f) => (f as { Pattern?: unknown } | null)?.Pattern);
  const compiled = compileFilters(patterns);
  // Case 22: `Filters: []` is accepted and the mapping then has no FilterCriteria at all.
  return compiled.length === 0 ? { compiled } : { criteria: { Filters: patterns.map((p) => ({ Pattern: p as string })) }, compiled };
}

function destinationConfig(input: Record<string, unknown>): EsmConfig['DestinationConfig'] | undefined {
  const v = input.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined | null;
  if (v === undefined || v === null) return undefined;
  const dest = v.OnFailure?.Destination;
  if (dest === undefined || dest === null || dest === '') return { OnFailure: {} };
  if (typeof dest !== 'string' || destinationKind(dest) === undefined) {
    throw lambdaError('InvalidParameterValueException', `The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${String(dest)})) is invalid. Supported destinations for DynamoDB stream sources are SQS queue, SNS topic and S3 bucket ARNs.`);
  }
  return { OnFailure: { Destination: dest } };
}

/** The tunable settings (everything but StartingPosition) read from a create or update request. */
export function readSettings(input: Record<string, unknown>): { settings: Partial<EsmConfig>; filters?: CompiledFilter[] } {
  const settings: Partial<EsmConfig> = {};
  const set = <K extends keyof EsmConfig>(k: K, v: EsmConfig[K] | undefined): void => {
    if (v !== undefined) settings[k] = v;
  };
  set('BatchSize', intParam(input, 'BatchSize', 'batchSize', 1, 10_000));
  set('MaximumBatchingWindowInSeconds', intParam(input, 'MaximumBatchingWindowInSeconds', 'maximumBatchingWindowInSeconds', 0, 300));
  set('ParallelizationFactor', intParam(input, 'ParallelizationFactor', 'parallelizationFactor', 1, 10));
  set('MaximumRetryAttempts', intParam(input, 'MaximumRetryAttempts', 'maximumRetryAttempts', -1, 10_000));
  set('MaximumRecordAgeInSeconds', intParam(input, 'MaximumRecordAgeInSeconds', 'maximumRecordAgeInSeconds', -1, 604_800));
  set('TumblingWindowInSeconds', intParam(input, 'TumblingWindowInSeconds', 'tumblingWindowInSeconds', 0, 900));
  set('BisectBatchOnFunctionError', boolParam(input, 'BisectBatchOnFunctionError'));
  set('FunctionResponseTypes', functionResponseTypes(input));
  set('DestinationConfig', destinationConfig(input));
  const age = settings.MaximumRecordAgeInSeconds;
  if (age !== undefined && age !== -1 && age < 60) {
    throw lambdaError('InvalidParameterValueException', 'MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800 seconds.');
  }
  if (settings.TumblingWindowInSeconds) throw lambdaError('InvalidParameterValueException', 'Streamscope does not simulate tumbling windows (TumblingWindowInSeconds).');
  const f = filterCriteria(input);
  if (!f) return { settings };
  if (f.criteria) settings.FilterCriteria = f.criteria;
  else settings.FilterCriteria = undefined;
  return { settings, filters: f.compiled };
}

export function defaultConfig(start: 'TRIM_HORIZON' | 'LATEST', settings: Partial<EsmConfig>): EsmConfig {
  const config: EsmConfig = {
    ...DEFAULTS,
    StartingPosition: start,
    FunctionResponseTypes: [],
    DestinationConfig: { OnFailure: {} },
    TumblingWindowInSeconds: 0,
  };
  return applySettings(config, settings);
}

export function applySettings(config: EsmConfig, settings: Partial<EsmConfig>): EsmConfig {
  const next: EsmConfig = { ...config };
  for (const [k, v] of Object.entries(settings) as [keyof EsmConfig, unknown][]) {
    if (v === undefined) delete next[k];
    else (next as unknown as Record<string, unknown>)[k] = v;
  }
  return next;
}
