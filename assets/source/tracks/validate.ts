import type {
	EventFamily,
	EventProperties,
	EventSpec,
	PropertySpec,
} from './catalogue/schema';
import { commonProperties } from './catalogue/common';
import { privacyPatterns } from './privacy-patterns';
import { EVENT_NAME, PROPERTY_NAME } from './shared-facts';

export { EVENT_NAME, PROPERTY_NAME };

const patterns = Object.entries( privacyPatterns ).map(
	( [ name, source ] ) => [ name, new RegExp( source, 'i' ) ] as const
);

export type Validated =
	| { ok: true; props: EventProperties; removed: Record< string, string > }
	| { ok: false; reason: string };

/**
 * Returns the name of the personal-data pattern a value matches, if any.
 *
 * @param value Any property value.
 * @return The pattern name (`email`, `phone`, …) or `undefined`.
 */
export function personalDataIn( value: unknown ): string | undefined {
	if ( typeof value !== 'string' ) {
		return undefined;
	}
	return patterns.find( ( [ , pattern ] ) => pattern.test( value ) )?.[ 0 ];
}

function accepts( spec: PropertySpec, value: unknown ): boolean {
	if ( Array.isArray( spec ) ) {
		return spec.includes( value as string );
	}
	return typeof value === ( spec as string ).replace( '?', '' );
}

/**
 * Runs the privacy guard and the catalogue's rules over one event.
 *
 * Properties that are not catalogued, or whose value looks like personal data, are removed
 * (named in `removed`, with why); the event is refused when its name is not catalogued or when a
 * catalogued property is missing or of the wrong type.
 *
 * @param events The catalogue family the event must belong to.
 * @param name   Event name, without any `wcadmin_` prefix.
 * @param props  Event and common properties together.
 * @return The cleaned properties, or the reason for refusing the event.
 */
export function validateEvent(
	events: EventFamily,
	name: string,
	props: Record< string, unknown >
): Validated {
	const spec: EventSpec | undefined = Object.hasOwn( events, name )
		? events[ name ]
		: undefined;
	if ( ! spec || ! EVENT_NAME.test( name ) ) {
		return { ok: false, reason: `unknown event ${ name }` };
	}
	const rules: EventSpec = { ...commonProperties, ...spec };
	const clean: EventProperties = {};
	const removed: Record< string, string > = {};
	for ( const [ key, value ] of Object.entries( props ) ) {
		const found = personalDataIn( value );
		if ( ! Object.hasOwn( rules, key ) || ! PROPERTY_NAME.test( key ) ) {
			removed[ key ] = 'not catalogued';
		} else if ( found ) {
			removed[ key ] = `looks like ${ found }`;
		} else if ( value !== undefined ) {
			clean[ key ] = value as string | number | boolean;
		}
	}
	for ( const [ key, rule ] of Object.entries( rules ) ) {
		const optional = typeof rule === 'string' && rule.endsWith( '?' );
		if ( ! Object.hasOwn( clean, key ) ) {
			if ( ! optional ) {
				return {
					ok: false,
					reason: removed[ key ]
						? `property ${ key } removed: ${ removed[ key ] }`
						: `missing property ${ key }`,
				};
			}
		} else if ( ! accepts( rule, clean[ key ] ) ) {
			return {
				ok: false,
				reason: `property ${ key } is not ${ rule }`,
			};
		}
	}
	return { ok: true, props: clean, removed };
}
