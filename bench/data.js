// The same data for every case: items of 3 attributes, like the reference measurements in the notes.
const credentials = { region: 'us-east-1', accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'bench/secret/for/dynamodb/local' };

function data(count) {
	return Array.from({ length: count }, (_, n) => ({ id: `item-${String(n).padStart(6, '0')}`, name: `name ${n}`, n }));
}

module.exports = { data, credentials };
