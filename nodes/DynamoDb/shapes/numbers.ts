/**
 * Numbers stay exact: a decimal literal becomes a JS number only when that number has exactly the
 * literal's value; otherwise the caller keeps the text (a NumberValue in a body, a string in output).
 */
export function exactNumber(text: string): number | undefined {
	const n = Number(text);
	return isExactNumber(text, n) ? n : undefined;
}

/** True when the JS number `n` has exactly the decimal value written as `text`. */
export function isExactNumber(text: string, n: number): boolean {
	if (!Number.isFinite(n)) return false;
	// Fast path: text that is the number's own shortest form is exact. Reference: the decimalKey comparison
	// (test/unit/properties.test.ts "knows a number is exact whatever its written form").
	const shortest = String(n);
	return shortest === text || decimalKey(text) === decimalKey(shortest);
}

/** Sign, significant digits and decimal point position of a literal: "-1.50e2" and "-150" → "-15@3". */
function decimalKey(text: string): string {
	const negative = text.startsWith('-');
	const [mantissa, exp = '0'] = text.replace(/^-/, '').toLowerCase().split('e');
	const [int, frac = ''] = mantissa.split('.');
	const all = int + frac;
	const lead = all.length - all.replace(/^0+/, '').length;
	const digits = all.slice(lead).replace(/0+$/, '');
	if (!digits) return '0';
	return `${negative ? '-' : ''}${digits}@${int.length - lead + Number(exp)}`;
}
