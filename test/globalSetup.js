// Starts one DynamoDB Local for the whole test run; workers inherit its endpoint.
const { start } = require('../scripts/dynamodb-local');

module.exports = async () => {
	const server = await start();
	process.env.DYNAMODB_LOCAL_ENDPOINT = server.endpoint;
	globalThis.__dynamodbLocal = server;
};
