// Types of scripts/localSts.js.
import type { IncomingHttpHeaders } from 'node:http';

export interface StsRequest {
	headers: IncomingHttpHeaders;
	form: URLSearchParams;
}

export interface TemporaryCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
}

export class LocalSts {
	readonly endpoint: string;
	readonly requests: StsRequest[];
	/** Seconds until the handed-out credentials expire. */
	lifetime: number;
	failWith?: { status: number; code: string; message: string };
	static start(credentials: TemporaryCredentials): Promise<LocalSts>;
	assumeRoleCalls(): number;
	close(): Promise<void>;
}
