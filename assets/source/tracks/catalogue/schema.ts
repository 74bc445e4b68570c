/**
 * The shape of the event catalogue, and the types derived from it.
 *
 * A property is declared as its type name (`'string'`, `'number'`, `'boolean'`), the same with a
 * trailing `?` when it may be left out, or a list of the string values it may take. Descriptions
 * live in doc comments, so the bundles stay small and `npm run docs:tracking` can read them.
 */

export type PropertySpec =
	| 'string'
	| 'string?'
	| 'number'
	| 'number?'
	| 'boolean'
	| 'boolean?'
	| readonly string[];

/** Property name → spec, for one event. */
export type EventSpec = Readonly< Record< string, PropertySpec > >;

/** Event name → its properties, for one family of events. */
export type EventFamily = Readonly< Record< string, EventSpec > >;

type ValueOf< S extends PropertySpec > = S extends readonly ( infer V )[]
	? V
	: S extends 'string' | 'string?'
	? string
	: S extends 'number' | 'number?'
	? number
	: boolean;

type OptionalKeys< E extends EventSpec > = {
	[ K in keyof E ]: E[ K ] extends `${ string }?` ? K : never;
}[ keyof E ];

type RequiredKeys< E extends EventSpec > = Exclude<
	keyof E,
	OptionalKeys< E >
>;

/** The properties object `recordEvent()` takes for one event spec. */
export type PropsOf< E extends EventSpec > = {
	[ K in RequiredKeys< E > ]: ValueOf< E[ K ] >;
} & {
	[ K in OptionalKeys< E > ]?: ValueOf< E[ K ] >;
};

/** Loose, validated-at-runtime form of an event on its way through the client. */
export type EventProperties = Record< string, string | number | boolean >;
