// A local TLS endpoint in front of DynamoDB Local (plain HTTP), so clients reach it over HTTPS the
// way they reach AWS, and every TLS connection a client opens is counted. Its certificate is made
// with `openssl` at run time, for 127.0.0.1 and localhost, in a folder removed after the run: no key
// is ever committed. Clients trust it through `caFile` (NODE_EXTRA_CA_CERTS for another process).
// Used by the bench (webhook shape) and the e2e. Types: scripts/tlsProxy.d.ts.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

/** A self-signed certificate for 127.0.0.1 / localhost, valid one day, in `dir` (default: a fresh temporary folder). */
function makeCertificate(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-proxy-'))) {
	fs.mkdirSync(dir, { recursive: true });
	const keyFile = path.join(dir, 'key.pem');
	const caFile = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	return { dir, keyFile, caFile };
}

/**
 * Starts the proxy on a free port of 127.0.0.1, forwarding to `target` (e.g. DynamoDB Local's
 * endpoint), with the given certificate or one of its own (removed at `close()`).
 */
async function startTlsProxy(target, certificate) {
	const upstream = new URL(target);
	const { dir, keyFile, caFile } = certificate ?? makeCertificate();
	const [key, cert] = [fs.readFileSync(keyFile), fs.readFileSync(caFile)];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	let connections = 0;
	const server = https.createServer({ key, cert }, (req, res) => {
		const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		out.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502);
			res.end(String(error));
		});
		req.pipe(out);
	});
	server.on('secureConnection', () => connections++);
	// Idle connections stay open a minute (Node's default is 5 s), so a pause between calls does not show as a reconnect.
	server.keepAliveTimeout = 60_000;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		endpoint: `https://127.0.0.1:${server.address().port}`,
		caFile,
		/** TLS connections accepted (handshakes completed) since start or the last reset. */
		connections: () => connections,
		reset: () => (connections = 0),
		close: () =>
			new Promise((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => {
					if (!certificate) fs.rmSync(dir, { recursive: true, force: true });
					resolve();
				});
			}),
	};
}

module.exports = { makeCertificate, startTlsProxy };
