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

export function startTlsProxy(target: string): Promise<TlsProxy>;
