import type { Pagination } from '../operations/types';
import type { Send } from './send';

/** Return All, or a Limit on the records (list entries) returned across pages. */
export interface PageOptions {
	returnAll?: boolean;
	limit?: number;
}

const SUMMED = ['Count', 'ScannedCount'];

/**
 * Sends a paginated request page after page and merges the pages into one response: lists
 * concatenated, Count/ScannedCount summed, the cursor member telling where it stopped (absent
 * when everything was read). DynamoDB's own page size is lowered for the last page so a Limit
 * ends exactly on a record and the cursor continues right after it. An operation without a page
 * size (ListTagsOfResource) returns its last page whole.
 */
export async function fetchPages(send: Send, input: Record<string, unknown>, pagination: Pagination, options: PageOptions) {
	const { limit } = options;
	const paging = options.returnAll || limit !== undefined;
	let request = input;
	let merged: Record<string, unknown> = {};
	let count = 0;
	for (;;) {
		const remaining = options.returnAll || limit === undefined ? undefined : limit - count;
		if (remaining !== undefined && pagination.pageSize) {
			const pageSize = request[pagination.pageSize] as number | undefined;
			request = { ...request, [pagination.pageSize]: Math.min(pageSize ?? remaining, remaining) };
		}
		const page = await send(request);
		merged = mergePage(merged, page, pagination);
		count += (page[pagination.list] as unknown[] | undefined)?.length ?? 0;
		const next = page[pagination.output];
		if (next === undefined || !paging || (remaining !== undefined && count >= limit!)) break;
		request = { ...request, [pagination.input]: next };
	}
	// Never cut a page short: the cursor continues after the page's last record, so a record cut off
	// here could not be read again. (Operations without a page size may so pass the Limit.)
	return merged;
}

function mergePage(merged: Record<string, unknown>, page: Record<string, unknown>, { list, output }: Pagination) {
	const out: Record<string, unknown> = { ...merged, ...page };
	if (page[output] === undefined) delete out[output];
	if (Array.isArray(merged[list])) out[list] = [...(merged[list] as unknown[]), ...((page[list] as unknown[]) ?? [])];
	for (const key of SUMMED) if (typeof merged[key] === 'number') out[key] = (merged[key] as number) + ((page[key] as number) ?? 0);
	return out;
}
