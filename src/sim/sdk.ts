/**
 * An in-process request handler for the official AWS SDK v3 clients.
 *
 *   const client = new DynamoDBClient({ region, credentials, requestHandler: simRequestHandler(sim) });
 *
 * The SDK builds its usual AWS JSON 1.0 HTTP request (X-Amz-Target header, JSON body); instead of
 * sending it, this handler hands the body to `sim.call` and answers with the JSON the service would
 * send, or the error body with its `__type`, so SDK code runs unchanged against the simulation.
 * Lives beside the core but outside its strict type world: it touches TextEncoder/TextDecoder,
 * which every browser and Node provide.
 */
import type { Simulation } from './simulation.ts';
import { isAwsError } from './api/errors.ts';
import { replicationState } from './replication/state.ts';

/** The subset of Smithy's HttpRequest the handler reads. */
export interface SimHttpRequest {
  headers: Record<string, string>;
  body?: unknown;
  /** `dynamodb.<region>.amazonaws.com` or `streams.dynamodb.<region>.amazonaws.com`: the client's Region. */
  hostname?: string;
}

export interface SimHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Smithy's HttpHandler contract: `handle(request) → { response }`. */
export interface SimRequestHandler {
  handle(request: SimHttpRequest): Promise<{ response: SimHttpResponse }>;
  updateHttpClientConfig(key: string, value: unknown): void;
  httpHandlerConfigs(): Record<string, unknown>;
  destroy(): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '{}';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  throw new TypeError('simRequestHandler: unsupported request body type');
}

/**
 * JSON.stringify, but numbers that are whole epoch seconds stay numbers, which the SDK turns into
 * Dates (ApproximateCreationDateTime, CreationDateTime), as on the wire.
 */
function respond(statusCode: number, payload: unknown, requestId: string): { response: SimHttpResponse } {
  return {
    response: {
      statusCode,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
      body: encoder.encode(JSON.stringify(payload)),
    },
  };
}

/**
 * The Region a client's requests go to, when a global table has a replica there: a client built with
 * `region: 'eu-west-1'` then reads and writes the eu-west-1 replicas. Any other Region (every client
 * of a world without global tables) keeps reaching the home Region, as before.
 */
function replicaRegion(sim: Simulation, hostname: string | undefined): string | undefined {
  const region = /^(?:streams\.)?dynamodb\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname ?? '')?.[1];
  const st = region === undefined || region === sim.options.region ? undefined : replicationState(sim.world);
  if (!st || region === undefined) return undefined;
  for (const group of st.groups.values()) if (group.replicas.has(region)) return region;
  return undefined;
}

export function simRequestHandler(sim: Simulation): SimRequestHandler {
  let requests = 0;
  return {
    async handle(request) {
      const requestId = `streamscope-${++requests}`;
      const target = header(request.headers, 'x-amz-target');
      if (!target) {
        return respond(400, { __type: 'com.amazon.coral.service#UnknownOperationException', message: 'Missing X-Amz-Target header' }, requestId);
      }
      let input: unknown;
      try {
        input = JSON.parse(bodyText(request.body));
      } catch {
        return respond(400, { __type: 'com.amazon.coral.service#SerializationException', message: 'The request body is not valid JSON' }, requestId);
      }
      try {
        return respond(200, sim.call(target, input, replicaRegion(sim, request.hostname)), requestId);
      } catch (e) {
        if (isAwsError(e)) return respond(e.httpStatus, e.toBody(), requestId);
        return respond(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(e) }, requestId);
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
