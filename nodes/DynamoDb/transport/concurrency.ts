/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the order of `items`.
 * When `stop()` turns true (e.g. after a failure), no further call starts; the ones not started
 * stay `undefined` in the result. A rejected call rejects the whole map after the calls in flight end.
 */
export async function mapLimit<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
	stop: () => boolean = () => false,
): Promise<Array<R | undefined>> {
	const results = new Array<R | undefined>(items.length);
	const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (next < items.length && !failure && !stop()) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: width }, worker));
	if (failure) throw failure.error;
	return results;
}
