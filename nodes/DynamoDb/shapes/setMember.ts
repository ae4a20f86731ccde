/**
 * `out[key] = value`, except that a member named "__proto__" stays data: plain assignment would
 * switch the object's prototype and lose the member. Every other key takes plain assignment: the
 * same own member, at a fraction of defineProperty's cost on pages of 100k records
 * (test/unit/toOutput.property.test.ts converts records with any member names, "__proto__" included).
 */
export function setMember(out: Record<string, unknown>, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
	else out[key] = value;
}
