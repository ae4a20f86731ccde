/** AWS regions with DynamoDB, including China, GovCloud and the European Sovereign Cloud. */
export const regions: Array<[string, string]> = [
	['us-east-1', 'US East (N. Virginia)'],
	['us-east-2', 'US East (Ohio)'],
	['us-west-1', 'US West (N. California)'],
	['us-west-2', 'US West (Oregon)'],
	['af-south-1', 'Africa (Cape Town)'],
	['ap-east-1', 'Asia Pacific (Hong Kong)'],
	['ap-east-2', 'Asia Pacific (Taipei)'],
	['ap-south-1', 'Asia Pacific (Mumbai)'],
	['ap-south-2', 'Asia Pacific (Hyderabad)'],
	['ap-southeast-1', 'Asia Pacific (Singapore)'],
	['ap-southeast-2', 'Asia Pacific (Sydney)'],
	['ap-southeast-3', 'Asia Pacific (Jakarta)'],
	['ap-southeast-4', 'Asia Pacific (Melbourne)'],
	['ap-southeast-5', 'Asia Pacific (Malaysia)'],
	['ap-southeast-6', 'Asia Pacific (New Zealand)'],
	['ap-southeast-7', 'Asia Pacific (Thailand)'],
	['ap-northeast-1', 'Asia Pacific (Tokyo)'],
	['ap-northeast-2', 'Asia Pacific (Seoul)'],
	['ap-northeast-3', 'Asia Pacific (Osaka)'],
	['ca-central-1', 'Canada (Central)'],
	['ca-west-1', 'Canada West (Calgary)'],
	['eu-central-1', 'Europe (Frankfurt)'],
	['eu-central-2', 'Europe (Zurich)'],
	['eu-west-1', 'Europe (Ireland)'],
	['eu-west-2', 'Europe (London)'],
	['eu-west-3', 'Europe (Paris)'],
	['eu-south-1', 'Europe (Milan)'],
	['eu-south-2', 'Europe (Spain)'],
	['eu-north-1', 'Europe (Stockholm)'],
	['il-central-1', 'Israel (Tel Aviv)'],
	['me-south-1', 'Middle East (Bahrain)'],
	['me-central-1', 'Middle East (UAE)'],
	['mx-central-1', 'Mexico (Central)'],
	['sa-east-1', 'South America (São Paulo)'],
	['cn-north-1', 'China (Beijing)'],
	['cn-northwest-1', 'China (Ningxia)'],
	['us-gov-east-1', 'AWS GovCloud (US-East)'],
	['us-gov-west-1', 'AWS GovCloud (US-West)'],
	['eusc-de-east-1', 'AWS European Sovereign Cloud (Germany)'],
];

/** A missing or malformed region: the request would go to another region, or to a host built from the text. */
export class RegionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegionError';
	}
}

/** An AWS region code: lower-case letters and digits in dash-separated parts (`ap-southeast-7`, `eusc-de-east-1`). */
const REGION_CODE = /^[a-z0-9]+(-[a-z0-9]+)+$/;
/** What the AWS SDK signs with at any endpoint: one host-name label (DynamoDB Local takes any, e.g. `local`). */
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * The region to use, never a default. AWS builds its host names from the region, so a code that is
 * not a region code (`us-east-1.example.com`, spaces, slashes) is refused; when every request goes to
 * a configured endpoint, any name the SDK can sign with is kept.
 */
export function checkRegion(code: string | undefined, onlyConfiguredEndpoints: boolean): string {
	const region = code?.trim();
	if (!region) throw new RegionError('Region is missing: choose a region or enter a region code');
	if (onlyConfiguredEndpoints) {
		if (!HOST_LABEL.test(region)) {
			throw new RegionError(`Region Code "${region}" cannot be used, even with an Endpoint URL: expected letters, digits and dashes, e.g. ap-southeast-7 (or local for DynamoDB Local)`);
		}
	} else if (region.length > 50 || !REGION_CODE.test(region)) {
		throw new RegionError(`Region Code "${region}" is not an AWS region code: expected lower-case letters, digits and dashes, e.g. ap-southeast-7`);
	}
	return region;
}
