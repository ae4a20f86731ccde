// Types of scripts/tlsProxy.js.
export interface TlsProxy {
	/** https://127.0.0.1:<port> */
	endpoint: string;
	/** The proxy's self-signed certificate (PEM), to trust it. */
	caFile: string;
	/** TLS connections accepted since start or the last reset. */
	connections(): number;
	reset(): void;
	close(): Promise<void>;
}

export interface Certificate {
	dir: string;
	keyFile: string;
	/** The certificate (PEM), self-signed: what clients trust. */
	caFile: string;
}

export function makeCertificate(dir?: string): Certificate;

/** Forwards to `target`, with `certificate` or one of its own (removed at close). */
export function startTlsProxy(target: string, certificate?: Certificate): Promise<TlsProxy>;
