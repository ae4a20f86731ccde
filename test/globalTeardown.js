module.exports = async () => {
	globalThis.__dynamodbLocal?.stop();
};
