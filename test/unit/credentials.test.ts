/**
 * The credential dialog shows the role's own fields only once a Role ARN is typed, and credentials
 * saved before keep every value they use: n8n hands the node a credential through
 * NodeHelpers.getNodeParameters (CredentialsHelper.applyDefaultsAndOverwrites), which drops fields
 * that are not displayed, so that is what is checked here.
 */
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';
import { DynamoDbApi } from '../../credentials/DynamoDbApi.credentials';

const { properties } = new DynamoDbApi();
/** The credential as n8n hands it to the node (getNodeParameters(properties, data, true, false, null, null)). */
const handedOver = (data: INodeParameters) => NodeHelpers.getNodeParameters(properties, data, true, false, null, null) as INodeParameters;
/** The fields the dialog shows for these values. */
const shown = (data: INodeParameters) => properties.filter((p) => NodeHelpers.displayParameter(handedOver(data), p, null, null)).map((p) => p.displayName);

describe('the credential dialog', () => {
	it('shows the role fields once a Role ARN is typed', () => {
		const fresh = shown({});
		expect(fresh).toContain('Endpoint URL');
		expect(fresh).toContain('Role ARN');
		expect(fresh).not.toContain('External ID');
		expect(fresh).not.toContain('Role Session Name');
		expect(fresh).not.toContain('STS Endpoint URL');
		const withRole = shown({ roleArn: 'arn:aws:iam::123456789012:role/n8n' });
		expect(withRole).toEqual(expect.arrayContaining(['External ID', 'Role Session Name', 'STS Endpoint URL']));
		expect(withRole.length - fresh.length).toBe(3);
	});

	it('keeps every value a saved credential uses', () => {
		const saved = {
			region: 'eu-west-1',
			accessKeyId: 'AKIAEXAMPLE000000001',
			secretAccessKey: 'secret',
			sessionToken: 'token',
			endpoint: 'http://localhost:8000',
			roleArn: 'arn:aws:iam::123456789012:role/n8n',
			externalId: 'ext-1',
			roleSessionName: 'my-session',
			stsEndpoint: 'https://sts.eu-west-1.amazonaws.com',
		};
		expect(handedOver(saved)).toMatchObject(saved);
		// Without a role the role's fields mean nothing (transport/credentials.ts ignores them): dropping them loses nothing.
		const { roleArn: _r, externalId: _e, stsEndpoint: _s, roleSessionName: _n, ...keysOnly } = saved;
		expect(handedOver({ ...keysOnly, externalId: 'stale' })).toMatchObject(keysOnly);
	});
});
