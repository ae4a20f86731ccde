import type { INodeProperties } from 'n8n-workflow';
import { operations } from './operations/registry';
import type { Operation } from './operations/types';

/**
 * The options that build a request from the input item instead of a body: Item From Input
 * (PutItem), Update From Input (UpdateItem), Key From Input (GetItem, DeleteItem) and their
 * settings. Each is shown for the operations whose registry row has its trait; the Options
 * collection (description.ts) lists them among the others in alphabetical order.
 */
const actionsWith = (trait: keyof Pick<Operation, 'itemFromInput' | 'updateFromInput' | 'keyFromInput'>) =>
	operations.filter((o) => o[trait]).map((o) => o.action);

const itemActions = actionsWith('itemFromInput');
const updateActions = actionsWith('updateFromInput');
const keyActions = actionsWith('keyFromInput');

/** Shown only while Update From Input is on. */
const withUpdateFromInput = { show: { '/operation': updateActions, updateFromInput: [true] } };

export const itemFromInputOption: INodeProperties = {
	displayName: 'Item From Input',
	name: 'itemFromInput',
	type: 'boolean',
	default: false,
	displayOptions: { show: { '/operation': itemActions } },
	description:
		"Whether to store the input item's JSON as the Item (plain JSON). The prefilled example body is then not used; a body you edit adds its members (an Item's members on top of the input's, a ConditionExpression).",
};

export const updateFromInputOption: INodeProperties = {
	displayName: 'Update From Input',
	name: 'updateFromInput',
	type: 'boolean',
	default: false,
	displayOptions: { show: { '/operation': updateActions } },
	description:
		"Whether to build the update from the input item (plain JSON): its key attributes name the record (or the body's Key), every other top-level field is set on it, attributes it does not carry stay as they are. The prefilled example body is then not used; a body you edit adds to it (its own clauses, ConditionExpression, ReturnValues). The output's Attributes is the record as stored.",
};

export const keyFromInputOption: INodeProperties = {
	displayName: 'Key From Input',
	name: 'keyFromInput',
	type: 'boolean',
	default: false,
	displayOptions: { show: { '/operation': keyActions } },
	description:
		"Whether the Key is the input item's key attributes (by the table's key schema); its other fields are ignored. The prefilled example body is then not used. Works with Bulk Mode.",
};

export const createIfMissingOption: INodeProperties = {
	displayName: 'Create If Missing',
	name: 'createIfMissing',
	type: 'boolean',
	default: true,
	displayOptions: withUpdateFromInput,
	description:
		'Whether an update of a key no record has creates the record (as UpdateItem does). Off: only an existing record is updated, and a key with no record is an error for that item.',
};

export const removeNullFieldsOption: INodeProperties = {
	displayName: 'Remove Fields With Null',
	name: 'removeNullFields',
	type: 'boolean',
	default: false,
	displayOptions: withUpdateFromInput,
	description: 'Whether an input field that is null removes the attribute from the record instead of storing NULL (a value)',
};

/** Exclude Fields, once per option it belongs to: n8n's display conditions cannot say "this option or that one". */
export const excludeFieldsOptions: INodeProperties[] = [
	{
		displayName: 'Exclude Fields',
		name: 'excludeFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. headers, password',
		displayOptions: { show: { '/operation': itemActions, itemFromInput: [true] } },
		description: 'Comma-separated top-level fields of the input item not to store',
	},
	{
		displayName: 'Exclude Fields',
		name: 'excludeFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. submittedAt, formMode',
		displayOptions: withUpdateFromInput,
		description: 'Comma-separated top-level fields of the input item not to set on the record',
	},
];

/**
 * The sentence the body's notice adds for an operation that can do without a body. One sentence for
 * all of them: n8n resolves every notice in every execution, so one more distinct text is one more
 * property each time (test/unit/editor.test.ts counts them).
 */
export function fromInputNote(o: Operation): string | undefined {
	if (!o.itemFromInput && !o.updateFromInput && !o.keyFromInput) return undefined;
	return 'No body needed with a From Input option on (Options): Item From Input for Put Item, Update From Input for Update Item, Key From Input for Get Item and Delete Item.';
}
