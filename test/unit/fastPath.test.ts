import { jsonPathOf, readJsonPath } from '../../nodes/DynamoDb/body/fastPath';

describe('the {{ $json.field }} fast path', () => {
	it.each([
		['{{ $json.id }}', ['id']],
		['{{$json.a.b}}', ['a', 'b']],
		['{{ $json["a b"] }}', ['a b']],
		["{{ $json['x'][0] }}", ['x', 0]],
		['{{ $json.list[12].name }}', ['list', 12, 'name']],
	])('reads %s as the path %j', (expression, path) => {
		expect(jsonPathOf(expression)).toEqual(path);
	});

	it.each(['{{ $json.id + 1 }}', '{{ $json.id.toUpperCase() }}', '{{ $json }}x', '{{ $input.item.json.id }}', '{{ $json["a\\"b"] }}', '{{ $json.a ?? 1 }}'])(
		'leaves %s to n8n',
		(expression) => expect(jsonPathOf(expression)).toBeNull(),
	);

	it('gives only plain leaf values; anything else goes to n8n (undefined)', () => {
		const json = { s: 'x "q"', n: 1.5, b: false, z: null, o: { k: 1 }, l: [1, 'two'], inf: Infinity };
		expect(readJsonPath(json, ['s'])).toBe('x "q"');
		expect(readJsonPath(json, ['n'])).toBe(1.5);
		expect(readJsonPath(json, ['b'])).toBe(false);
		expect(readJsonPath(json, ['z'])).toBeNull();
		expect(readJsonPath(json, ['l', 1])).toBe('two');
		expect(readJsonPath(json, ['o', 'k'])).toBe(1);
		expect(readJsonPath(json, ['o'])).toBeUndefined();
		expect(readJsonPath(json, ['missing'])).toBeUndefined();
		expect(readJsonPath(json, ['missing', 'deeper'])).toBeUndefined();
		expect(readJsonPath(json, ['inf'])).toBeUndefined();
		expect(readJsonPath(json, ['constructor'])).toBeUndefined();
		expect(readJsonPath(json, ['s', 'length'])).toBeUndefined();
	});
});
