/**
 * `out[key] = value`, except that a member named "__proto__" stays data: plain assignment would
 * switch the object's prototype and lose the member. Plain assignment is kept for every other key
 * (it is the fast path on 100k-record pages).
 */
export function setMember(out: Record<string, unknown>, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
	else out[key] = value;
}
