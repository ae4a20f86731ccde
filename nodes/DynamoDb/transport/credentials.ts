import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';

/** The credential fields that decide where the node's AWS identity comes from. */
export interface IdentityFields {
	/** Access Keys (also when absent: credentials saved before the field existed) or the SDK's default provider chain. */
	authentication?: 'accessKeys' | 'systemCredentials';
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	roleArn?: string;
	externalId?: string;
	roleSessionName?: string;
	stsEndpoint?: string;
}

export interface IdentitySettings {
	region: string;
	maxAttempts?: number;
	connectionTimeout?: number;
	requestTimeout?: number;
}

/** An identity for the DynamoDB client, and what to release with it. */
export interface Identity {
	credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
	/** Every secret this identity has used so far (temporary keys included; access key ids are not secrets), for redaction. */
	secrets(): string[];
	destroy(): void;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
export const DEFAULT_ROLE_SESSION_NAME = 'n8n-dynamodb';

/** The environment variable n8n's own AWS credentials are gated by; n8n reads it as a boolean (`true`/`1`). */
export const SYSTEM_CREDENTIALS_GATE = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';

export class SystemCredentialsDisabledError extends Error {
	constructor() {
		super(
			`System Credentials are turned off on this n8n: the instance owner must set ${SYSTEM_CREDENTIALS_GATE}=true on the n8n process that runs the node ` +
				'(every worker in queue mode). No AWS credential provider was tried. Or choose Authentication: Access Keys.',
		);
		this.name = 'SystemCredentialsDisabled';
	}
}

/**
 * The secrets of the temporary credentials in use and of the ones just before them, for redaction:
 * a request signed just before a refresh may still answer (or fail) with the old ones, while older
 * ones expired long ago and cannot come back in an answer. A warm client refreshes for as long as it
 * lives, so keeping every one would grow without end; handing out the same ones again adds nothing.
 */
export class RecentSecrets {
	private current: string[] = [];
	private previous: string[] = [];

	add(secretAccessKey: string | undefined, sessionToken: string | undefined): void {
		const secrets = [secretAccessKey, sessionToken].filter((s): s is string => !!s);
		if (secrets.join('\n') === this.current.join('\n')) return;
		this.previous = this.current;
		this.current = secrets;
	}

	list(): string[] {
		return [...this.current, ...this.previous];
	}
}

/**
 * The host's credentials through the AWS SDK's default provider chain (environment variables,
 * shared config and SSO profile, web identity token, ECS/EKS container credentials, EC2 instance
 * metadata), only when the gate is on in this process: on a shared n8n any user could otherwise act
 * with the host's role. Every secret it hands out is recorded for redaction.
 */
function systemCredentials(region: string, found: RecentSecrets): AwsCredentialIdentityProvider {
	if (!['true', '1'].includes(process.env[SYSTEM_CREDENTIALS_GATE]?.trim().toLowerCase() ?? '')) throw new SystemCredentialsDisabledError();
	const chain = defaultProvider({ clientConfig: { region } });
	return async () => {
		const credentials = await chain();
		found.add(credentials.secretAccessKey, credentials.sessionToken);
		return credentials;
	};
}

/**
 * The keys as they are (or the host's, with System Credentials), or, with a Role ARN, temporary
 * credentials from STS AssumeRole signed with those. The SDK client caches them and calls the
 * provider again before they expire.
 */
export function identityOf(fields: IdentityFields, settings: IdentitySettings): Identity {
	const found = new RecentSecrets();
	const keys: AwsCredentialIdentity | AwsCredentialIdentityProvider =
		fields.authentication === 'systemCredentials'
			? systemCredentials(settings.region, found)
			: { accessKeyId: fields.accessKeyId?.trim(), secretAccessKey: fields.secretAccessKey?.trim(), sessionToken: fields.sessionToken?.trim() || undefined };
	const typed = typeof keys === 'function' ? [] : [keys.secretAccessKey, keys.sessionToken];
	const given = [...typed, fields.externalId?.trim()].filter((s): s is string => !!s);
	const roleArn = fields.roleArn?.trim();
	if (!roleArn) return { credentials: keys, secrets: () => [...given, ...found.list()], destroy: () => {} };

	if (!ROLE_ARN.test(roleArn)) {
		throw new Error(`Role ARN "${roleArn}" is not an IAM role ARN: expected e.g. arn:aws:iam::123456789012:role/n8n-dynamodb`);
	}
	const sessionName = fields.roleSessionName?.trim() || DEFAULT_ROLE_SESSION_NAME;
	if (!SESSION_NAME.test(sessionName)) {
		throw new Error(`Role Session Name "${sessionName}" must be 2 to 64 letters, digits or any of _+=,.@-`);
	}
	const externalId = fields.externalId?.trim() || undefined;
	const stsEndpoint = checkUrl('STS Endpoint URL', fields.stsEndpoint, 'https://sts.eu-west-1.amazonaws.com');
	const assumed = new RecentSecrets();
	let sts: STSClient | undefined;
	const provider: AwsCredentialIdentityProvider = async () => {
		sts ??= new STSClient({
			region: settings.region,
			endpoint: stsEndpoint,
			credentials: keys,
			maxAttempts: settings.maxAttempts,
			requestHandler: requestHandlerOf(settings),
		});
		let answer;
		try {
			answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId }));
		} catch (error) {
			if (error instanceof Error) error.message = `Could not assume role ${roleArn} (STS AssumeRole): ${error.message}`;
			throw error;
		}
		const c = answer.Credentials;
		if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS AssumeRole for ${roleArn} answered without credentials`);
		assumed.add(c.SecretAccessKey, c.SessionToken);
		return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
	};
	// Cached here, not only in each SDK client: the DynamoDB and the Streams client share this identity and one AssumeRole.
	const shared = memoizeIdentityProvider(provider, isIdentityExpired, doesIdentityRequireRefresh)!;
	return { credentials: shared, secrets: () => [...given, ...found.list(), ...assumed.list()], destroy: () => sts?.destroy() };
}

/**
 * Connections of a client are kept open between calls (keep-alive, TCP keep-alive probes after 1 s
 * idle) and reused by every execution that shares the client, up to 50 at once: the SDK's own
 * defaults, written out because warm clients depend on them. An idle connection stays until the
 * server closes it or the client is closed; a call that meets a connection the server has just
 * closed fails with ECONNRESET, which the SDK retries as a transient error.
 */
const AGENT = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: 50 };

/** HTTP settings of every client the node makes (DynamoDB, STS). */
export function requestHandlerOf({ connectionTimeout, requestTimeout }: Pick<IdentitySettings, 'connectionTimeout' | 'requestTimeout'>) {
	// throwOnRequestTimeout: without it the SDK only logs a warning when Request Timeout passes, and waits on.
	return { connectionTimeout, requestTimeout, throwOnRequestTimeout: true, httpAgent: AGENT, httpsAgent: AGENT };
}

/** Checks an endpoint field (scheme and host) with a message that says what is expected; empty → AWS's default. */
export function checkUrl(field: string, value: string | undefined, example: string): string | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
		throw new Error(`${field} "${text}" must start with http:// or https://, e.g. ${/^[\w.-]+(:\d+)?(\/|$)/.test(text) ? `http://${text}` : example}`);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new Error(`${field} "${text}" is not a valid URL: expected e.g. ${example}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`${field} "${text}" must start with http:// or https:// (not ${url.protocol}//), e.g. ${example}`);
	}
	if (!url.hostname) throw new Error(`${field} "${text}" has no host name: expected e.g. ${example}`);
	if (url.username || url.password) {
		throw new Error(`${field} must not contain a user name or password: put the keys in the Access Key ID and Secret Access Key fields`);
	}
	if (url.search || url.hash) throw new Error(`${field} "${text}" must not have a query (?…) or fragment (#…): expected e.g. ${example}`);
	return text;
}
