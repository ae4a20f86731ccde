// A local STS endpoint: receives the SDK's real, signed AssumeRole request and answers with AWS's
// documented XML (API_AssumeRole.html), handing out the temporary credentials it was started with,
// or an error when `failWith` is set. Shared by the wire tests and the bench. Types: scripts/localSts.d.ts.
const http = require('node:http');

const readBody = (req) =>
	new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});

class LocalSts {
	constructor(server, endpoint, credentials) {
		this.server = server;
		this.endpoint = endpoint;
		this.credentials = credentials;
		/** Every request received: its headers and form. */
		this.requests = [];
		/** Seconds until the handed-out credentials expire. */
		this.lifetime = 3600;
		/** When set: the error every request gets ({ status, code, message }). */
		this.failWith = undefined;
	}

	/** Starts on a free port of 127.0.0.1; `credentials` are the temporary keys it hands out. */
	static async start(credentials) {
		let sts;
		const server = http.createServer(async (req, res) => {
			const form = new URLSearchParams(await readBody(req));
			sts.requests.push({ headers: req.headers, form });
			const body = sts.failWith ? sts.errorXml() : sts.answerXml(form);
			res.writeHead(sts.failWith?.status ?? 200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
			res.end(body);
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		sts = new LocalSts(server, `http://127.0.0.1:${server.address().port}`, credentials);
		return sts;
	}

	/** AssumeRole requests received. */
	assumeRoleCalls() {
		return this.requests.filter((r) => r.form.get('Action') === 'AssumeRole').length;
	}

	answerXml(form) {
		const expiration = new Date(Date.now() + this.lifetime * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
		const { accessKeyId, secretAccessKey, sessionToken } = this.credentials;
		return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/n8n-dynamodb/${form.get('RoleSessionName')}</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:${form.get('RoleSessionName')}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>${secretAccessKey}</SecretAccessKey>
      <SessionToken>${sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`;
	}

	errorXml() {
		return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>${this.failWith.code}</Code><Message>${this.failWith.message}</Message></Error>
  <RequestId>4e1a3b9c-0000-4000-8000-000000000001</RequestId>
</ErrorResponse>`;
	}

	async close() {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}
}

module.exports = { LocalSts };
