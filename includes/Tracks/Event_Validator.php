<?php
/**
 * Validation and the privacy guard, mirroring assets/source/tracks/validate.ts.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Applies the catalogue's rules and the privacy guard to one event.
 */
final class Event_Validator {

	/**
	 * Creates the validator.
	 *
	 * @param Event_Catalogue $catalogue The catalogue.
	 */
	public function __construct( private readonly Event_Catalogue $catalogue ) {}

	/**
	 * Names the personal-data pattern a value matches.
	 *
	 * @param mixed $value Any property value.
	 * @return string|null Pattern name (`email`, `phone`, …), or null.
	 */
	public function personal_data_in( mixed $value ): ?string {
		if ( ! is_string( $value ) ) {
			return null;
		}
		foreach ( $this->catalogue->privacy_patterns() as $name => $pattern ) {
			if ( preg_match( '/' . $pattern . '/i', $value ) ) {
				return $name;
			}
		}
		return null;
	}

	/**
	 * Removes uncatalogued properties and values that look like personal data, then checks
	 * names, presence, types and allowed values.
	 *
	 * @param string               $name  Catalogued event name.
	 * @param array<string, mixed> $props Event and common properties.
	 * @return Validation
	 */
	public function validate( string $name, array $props ): Validation {
		if ( ! preg_match( Shared_Facts::EVENT_NAME, $name ) || null === $this->catalogue->event( $name ) ) {
			return Validation::refused( "unknown event {$name}" );
		}
		$rules   = $this->catalogue->rules( $name );
		$clean   = array();
		$removed = array();
		foreach ( $props as $key => $value ) {
			$key   = (string) $key;
			$found = $this->personal_data_in( $value );
			if ( ! isset( $rules[ $key ] ) || ! preg_match( Shared_Facts::PROPERTY_NAME, $key ) ) {
				$removed[ $key ] = 'not catalogued';
			} elseif ( null !== $found ) {
				$removed[ $key ] = "looks like {$found}";
			} elseif ( null !== $value ) {
				$clean[ $key ] = $value;
			}
		}
		foreach ( $rules as $key => $rule ) {
			if ( ! array_key_exists( $key, $clean ) ) {
				if ( $rule['required'] ) {
					return Validation::refused(
						isset( $removed[ $key ] ) ? "property {$key} removed: {$removed[ $key ]}" : "missing property {$key}",
						$removed
					);
				}
				continue;
			}
			if ( ! self::accepts( $rule, $clean[ $key ] ) ) {
				$expected = isset( $rule['values'] ) ? implode( '|', $rule['values'] ) : $rule['type'];
				return Validation::refused( "property {$key} is not {$expected}", $removed );
			}
		}
		return Validation::accepted( $clean, $removed );
	}

	/**
	 * Whether a value fits a property rule.
	 *
	 * @param array{type: string, required: bool, values?: list<string>} $rule  Rule.
	 * @param mixed                                                      $value Value.
	 * @return bool
	 */
	private static function accepts( array $rule, mixed $value ): bool {
		if ( isset( $rule['values'] ) ) {
			return is_string( $value ) && in_array( $value, $rule['values'], true );
		}
		return match ( $rule['type'] ) {
			'string'  => is_string( $value ),
			'number'  => ( is_int( $value ) || is_float( $value ) ) && is_finite( (float) $value ),
			'boolean' => is_bool( $value ),
			default   => false,
		};
	}
}
