import { describe, expect, it } from 'vitest';
import { isAwsError, type AwsError } from '../../api/errors.ts';
import { esmWorld, putItem, QUEUE } from './testkit.ts';

function thrown(f: () => unknown): AwsError {
  try {
    f();
  } catch (e) {
    if (isAwsError(e)) return e;
    throw e;
  }
  throw new Error('expected an AwsError');
}

describe('event source mapping control plane', () => {
  it('§6.2 / check 45, case 22: defaults with only the required fields, no FilterCriteria key for Filters: []', () => {
    const { lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    const m = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'LATEST', FilterCriteria: { Filters: [] } });
    expect(m).toMatchObject({
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      DestinationConfig: { OnFailure: {} },
      StartingPosition: 'LATEST',
      State: 'Creating',
      StateTransitionReason: 'User action',
      LastProcessingResult: 'No records processed',
      EventSourceArn: streamArn,
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    });
    expect(m.EventSourceMappingArn).toBe(`arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${m.UUID}`);
    expect(m.UUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect('FilterCriteria' in m).toBe(false);
    expect('Enabled' in m).toBe(false);
  });

  it('case 20: given values are echoed (BatchSize 1, window 1, retries 1, TRIM_HORIZON)', () => {
    const { lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    const m = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumBatchingWindowInSeconds: 1, MaximumRetryAttempts: 1 });
    expect(m).toMatchObject({ BatchSize: 1, MaximumBatchingWindowInSeconds: 1, MaximumRetryAttempts: 1, StartingPosition: 'TRIM_HORIZON' });
  });

  it('case 21: Creating → Enabled → Deleting, then gone; the mapping outlives its function', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    const m = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', DestinationConfig: { OnFailure: { Destination: QUEUE } } });
    expect(m.DestinationConfig).toEqual({ OnFailure: { Destination: QUEUE } });
    await sim.advanceBy(2_000);
    expect(lambda.getEventSourceMapping({ UUID: m.UUID }).State).toBe('Enabled');
    lambda.deleteFunction('fn');
    expect(lambda.getEventSourceMapping({ UUID: m.UUID }).State).toBe('Enabled');
    expect(lambda.deleteEventSourceMapping({ UUID: m.UUID }).State).toBe('Deleting');
    await sim.advanceBy(2_000);
    const e = thrown(() => lambda.getEventSourceMapping({ UUID: m.UUID }));
    expect([e.code, e.httpStatus]).toEqual(['ResourceNotFoundException', 404]);
  });

  it('case 25: a mapping stays listed and Enabled after its table is deleted', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON' });
    await sim.advanceBy(2_000);
    sim.call('DynamoDB_20120810.DeleteTable', { TableName: 'tbl' });
    await sim.advanceBy(2_000);
    const list = lambda.listEventSourceMappings({ EventSourceArn: streamArn });
    expect(list.EventSourceMappings.map((x) => [x.State, x.LastProcessingResult])).toEqual([['Enabled', 'No records processed']]);
    expect('NextMarker' in list).toBe(false);
  });

  it('case 22: StartingPosition missing, invalid, AT_TIMESTAMP; unknown stream', () => {
    const { lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    const base = { FunctionName: 'fn', EventSourceArn: streamArn };
    const missing = thrown(() => lambda.createEventSourceMapping(base));
    expect([missing.code, missing.httpStatus, missing.message, missing.extra.Type]).toEqual([
      'InvalidParameterValueException',
      400,
      "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
      'User',
    ]);
    const invalid = thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'invalid' }));
    expect([invalid.code, invalid.message, invalid.extra.Type]).toEqual([
      'ValidationException',
      "1 validation error detected: Value 'invalid' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]",
      undefined,
    ]);
    const ts = thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'AT_TIMESTAMP' }));
    expect([ts.code, ts.message]).toEqual(['InvalidParameterValueException', `Unsupported starting position for arn type: ${streamArn}`]);
    const ghost = `${streamArn.slice(0, -3)}999`;
    const nf = thrown(() => lambda.createEventSourceMapping({ ...base, EventSourceArn: ghost, StartingPosition: 'LATEST' }));
    expect([nf.code, nf.message]).toEqual(['InvalidParameterValueException', `Stream not found: ${ghost}`]);
    expect(thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'LATEST', BatchSize: 0 })).code).toBe('ValidationException');
    expect(thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'LATEST', ParallelizationFactor: 11 })).code).toBe('ValidationException');
    expect(thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'LATEST', FilterCriteria: { Filters: [{ Pattern: '{oops' }] } })).code).toBe('InvalidParameterValueException');
    expect(thrown(() => lambda.createEventSourceMapping({ ...base, StartingPosition: 'LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:dynamodb:x' } } })).code).toBe('InvalidParameterValueException');
  });

  it('case 23: the same stream and function twice → 409 ResourceConflictException; another function is fine', () => {
    const { lambda, streamArn } = esmWorld();
    lambda.registerFunction('fn', () => null);
    lambda.registerFunction('other', () => null);
    const first = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON' });
    const e = thrown(() => lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON' }));
    expect([e.code, e.httpStatus, e.extra.Type]).toEqual(['ResourceConflictException', 409, 'User']);
    expect(e.message).toBe(
      `The event source arn (" ${streamArn} ") and function (" fn ") provided mapping already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    );
    expect(lambda.createEventSourceMapping({ FunctionName: 'other', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON' }).State).toBe('Creating');
  });

  it('case 24 / check 58: disable → Disabling, no delivery while disabled; re-enable resumes after the last processed record', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const seen: string[] = [];
    lambda.registerFunction('fn', (event) => {
      for (const r of event.Records) seen.push(r.dynamodb!.Keys!.pk!.S!);
    });
    const m = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', MaximumBatchingWindowInSeconds: 1 });
    putItem(sim, 'a');
    await sim.advanceBy(5_000);
    const upd = lambda.updateEventSourceMapping({ UUID: m.UUID, Enabled: false });
    expect([upd.State, upd.StateTransitionReason, upd.LastProcessingResult]).toEqual(['Disabling', 'User action', 'OK']);
    await sim.advanceBy(2_000);
    expect(lambda.getEventSourceMapping({ UUID: m.UUID }).State).toBe('Disabled');
    putItem(sim, 'b');
    putItem(sim, 'c');
    await sim.advanceBy(10_000);
    expect(seen).toEqual(['a']);
    expect(lambda.updateEventSourceMapping({ UUID: m.UUID, Enabled: true }).State).toBe('Enabling');
    await sim.advanceBy(5_000);
    expect(lambda.getEventSourceMapping({ UUID: m.UUID }).State).toBe('Enabled');
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('an unknown function is ResourceNotFoundException; settings can be updated (Updating → Enabled)', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    expect(thrown(() => lambda.createEventSourceMapping({ FunctionName: 'nope', EventSourceArn: streamArn, StartingPosition: 'LATEST' })).code).toBe('ResourceNotFoundException');
    lambda.registerFunction('fn', () => null);
    const m = lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'LATEST' });
    await sim.advanceBy(2_000);
    const u = lambda.updateEventSourceMapping({ UUID: m.UUID, BatchSize: 10, FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] } });
    expect([u.State, u.BatchSize, u.FilterCriteria]).toEqual(['Updating', 10, { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] }]);
    await sim.advanceBy(2_000);
    expect(lambda.getEventSourceMapping({ UUID: m.UUID }).State).toBe('Enabled');
  });
});
