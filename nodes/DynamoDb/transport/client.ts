import { createHash, randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { checkUrl, identityOf, requestHandlerOf, type Identity } from './credentials';
import { Pool, type Lease } from './pool';
import { checkRegion } from './regions';

/** The credential fields as n8n hands them over (see credentials/DynamoDbApi.credentials.ts). */
export interface DynamoDbCredentials {
	region: string;
	customRegion?: string;
	/** Absent in credentials saved before it existed: Access Keys. */
	authentication?: 'accessKeys' | 'systemCredentials';
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	endpoint?: string;
	/** Assume this IAM role (STS AssumeRole) with the keys above. */
	roleArn?: string;
	externalId?: string;
	roleSessionName?: string;
	/** STS endpoint for AssumeRole (VPC endpoint, tests); empty → the region's STS. */
	stsEndpoint?: string;
}

/** Client settings chosen in the node's options. */
export interface ClientOptions {
	maxAttempts?: number;
	retryMode?: 'standard' | 'adaptive';
	connectionTimeout?: number;
	requestTimeout?: number;
}

/** The credential's region, checked (transport/regions.ts): AWS hosts are built from it unless every client has an endpoint. */
export function regionOf(credentials: DynamoDbCredentials): string {
	const stsFromRegion = !!credentials.roleArn?.trim() && !credentials.stsEndpoint?.trim();
	return checkRegion(credentials.region === 'custom' ? credentials.customRegion : credentials.region, !!credentials.endpoint?.trim() && !stsFromRegion);
}

/** Checks the Endpoint URL field (scheme, host); an empty field means AWS's regional endpoint. */
export function endpointOf(credentials: DynamoDbCredentials): string | undefined {
	return checkUrl('Endpoint URL', credentials.endpoint, 'http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com');
}

/** What every SDK client of this package is built from (the DynamoDB and the DynamoDB Streams client take it as it is). */
export interface ClientConfig {
	region: string;
	endpoint?: string;
	credentials: Identity['credentials'];
	maxAttempts?: number;
	retryMode?: string;
	requestHandler: ReturnType<typeof requestHandlerOf>;
}

/** A kind of SDK client the cache holds: its name (part of the cache key) and how one is built. */
export interface ClientKind<C extends { destroy(): void }> {
	readonly name: string;
	create(config: ClientConfig): C;
}

export const DYNAMODB: ClientKind<DynamoDBClient> = { name: 'DynamoDB', create: (config) => new DynamoDBClient(config) };

/** A client lent to one execution (or one editor look-up): `release()` in `finally`, the client itself is never destroyed by its user. */
export interface ClientLease<C> {
	readonly client: C;
	/** Removes from text bound for output, errors or logs every secret of the credential and of the client's identity (assumed-role and system keys included). */
	redact(text: string): string;
	release(): void;
}

/**
 * Idle clients are closed after 5 minutes: a workflow called every few minutes keeps its warm client
 * (connections, assumed-role credentials, key schemas), while a client whose credential was changed
 * or deleted, with its secrets and sockets, is gone soon after its last use. The 32 most recently used
 * idle clients are kept at most (each holds at most 50 sockets); leased ones are never closed.
 */
export const CLIENT_IDLE_MS = 5 * 60_000;
export const MAX_IDLE_CLIENTS = 32;

interface Held {
	client: { destroy(): void };
	identity: Identity;
	/** Gives the identity back (to its pool, or destroys it for a client of its own). */
	release(): void;
}

function close({ client, release }: Held): void {
	client.destroy();
	release();
}

const clients = new Pool<Held>(close, { idleMs: CLIENT_IDLE_MS, maxIdle: MAX_IDLE_CLIENTS });

/**
 * The identities (assumed-role credentials, system credentials) of the pooled clients, by credential
 * and settings but not kind: the DynamoDB and the DynamoDB Streams client of one credential share one,
 * so one AssumeRole serves both. Each client holds a lease on its identity; the identity closes as soon
 * as no client holds it (the clients' idle time is its own).
 */
const sharedIdentities = new Pool<Identity>((identity) => identity.destroy(), { idleMs: 0, maxIdle: MAX_IDLE_CLIENTS });

/**
 * The process's client for this kind, credential and settings, created on first use. The key covers
 * every credential field and every option (present and future ones alike: nobody lists them), so two
 * credentials that differ in anything never share a client, and a changed credential gets a new one.
 */
export function acquire<C extends { destroy(): void }>(kind: ClientKind<C>, credentials: DynamoDbCredentials, options: ClientOptions = {}): ClientLease<C> {
	const shared = (region: string) => sharedIdentities.acquire(clientKey('identity', credentials, options), () => identityOf(credentials, { region, ...options }));
	const lease = clients.acquire(clientKey(kind.name, credentials, options), () => build(kind, credentials, options, shared));
	return { client: lease.value.client as C, redact: redactorOf(credentials, lease.value.identity), release: lease.release };
}

/** A DynamoDB client for the length of `use`. */
export async function withClient<T>(credentials: DynamoDbCredentials, options: ClientOptions, use: (lease: ClientLease<DynamoDBClient>) => Promise<T>): Promise<T> {
	return await lend(acquire(DYNAMODB, credentials, options), use);
}

/**
 * A DynamoDB client of its own for `use`, closed after it: for the credential dialog, which tests
 * what is typed right now (often an unsaved edit, never to be used again: not worth keeping with its
 * secrets), from scratch (a fresh connection, a real AssumeRole), not through a warm client.
 */
export async function withFreshClient<T>(credentials: DynamoDbCredentials, options: ClientOptions, use: (lease: ClientLease<DynamoDBClient>) => Promise<T>): Promise<T> {
	const own = (region: string): Lease<Identity> => {
		const identity = identityOf(credentials, { region, ...options });
		return { value: identity, release: () => identity.destroy() };
	};
	const held = build(DYNAMODB, credentials, options, own);
	return await lend({ client: held.client as DynamoDBClient, redact: redactorOf(credentials, held.identity), release: () => close(held) }, use);
}

async function lend<C, T>(lease: ClientLease<C>, use: (lease: ClientLease<C>) => Promise<T>): Promise<T> {
	try {
		return await use(lease);
	} finally {
		lease.release();
	}
}

/** Closes every idle client now, and each leased one at its release (tests; a process that winds down). */
export function closeClients(): void {
	clients.clear();
	sharedIdentities.clear();
}

/** How many clients are open and how many are lent out. */
export function openClients(): { open: number; leased: number } {
	return clients.size();
}

function build<C extends { destroy(): void }>(kind: ClientKind<C>, credentials: DynamoDbCredentials, options: ClientOptions, identityFor: (region: string) => Lease<Identity>): Held {
	const region = regionOf(credentials);
	const endpoint = endpointOf(credentials);
	const identity = identityFor(region);
	try {
		const client = kind.create({
			region,
			endpoint,
			credentials: identity.value.credentials,
			maxAttempts: options.maxAttempts,
			retryMode: options.retryMode,
			requestHandler: requestHandlerOf(options),
		});
		return { client, identity: identity.value, release: identity.release };
	} catch (error) {
		identity.release();
		throw error;
	}
}

/**
 * SHA-256 of a key drawn once per process followed by the canonical JSON (keys sorted at every
 * depth) of the kind, the whole credential and the options: equal for equal settings, and useless
 * outside this process, so a secret is neither held in clear nor open to guessing from the key.
 * A keyed hash rather than an HMAC: a cache key needs only that (no forgery to guard against), and
 * Node caches the digest but sets up an HMAC afresh each time, ~10 µs of every execution in situ.
 */
const KEY_SECRET = randomBytes(32);
export function clientKey(kind: string, credentials: object, options: object): string {
	return createHash('sha256').update(KEY_SECRET).update(canonicalJson([kind, credentials, options])).digest('base64url');
}

/**
 * JSON with the members of every object in name order, undefined ones left out as JSON.stringify
 * does: equal for equal settings in whatever order n8n lists them. Written out rather than as a
 * stringify replacer, which copies each object to sort it: this runs in every execution.
 */
function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const record = value as Record<string, unknown>;
	const members: string[] = [];
	for (const name of Object.keys(record).sort()) if (record[name] !== undefined) members.push(`${JSON.stringify(name)}:${canonicalJson(record[name])}`);
	return `{${members.join(',')}}`;
}

/**
 * Removes the credential secrets from any text bound for output, errors or logs: each secret as a
 * whole value (not where it is only part of a longer word or key), in the text and as JSON escapes
 * it. Access key ids are not secrets (AWS prints them in its own errors): they stay readable, and so
 * does text that happens to contain one, such as "localhost" with the key id "local". With a
 * client's `identity`, also the secrets it has used (a lease's `redact`); without, the fields' own
 * (text about a credential no client was built for, such as a refused Endpoint URL).
 */
export function redact(text: string, credentials: Partial<DynamoDbCredentials>, identity?: Pick<Identity, 'secrets'>): string {
	return redactorOf(credentials, identity)(text);
}

/**
 * `redact` for many texts (a failure's strings and member names): the patterns are built once per
 * set of secrets in use, not per text; an identity that refreshes its keys gets new ones.
 */
function redactorOf(credentials: Partial<DynamoDbCredentials>, identity?: Pick<Identity, 'secrets'>): (text: string) => string {
	let kept: { secrets: string; patterns: RegExp[] } | undefined;
	return (text) => {
		const used = identity?.secrets() ?? [];
		const secrets = [...new Set([credentials.secretAccessKey, credentials.sessionToken, credentials.externalId, ...used].map((s) => s?.trim()).filter((s): s is string => !!s))];
		const joined = secrets.join('\0');
		if (kept?.secrets !== joined) kept = { secrets: joined, patterns: secrets.flatMap((secret) => [...new Set([secret, JSON.stringify(secret).slice(1, -1)])].map(wholeValue)) };
		return kept.patterns.reduce((out, pattern) => out.replace(pattern, '***'), text);
	};
}

/** The value where no letter, digit or underscore continues it on either side. */
const wholeValue = (value: string) => new RegExp(`(?<![A-Za-z0-9_])${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');
