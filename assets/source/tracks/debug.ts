/**
 * Whether debug mode is on: the PHP constant `UTW_DEBUG` (through the config) or
 * `localStorage.utw_debug = '1'` in this browser.
 *
 * @param fromConfig The config's debug flag.
 * @return True when each event and each drop should be logged.
 */
export function debugEnabled( fromConfig?: boolean ): boolean {
	try {
		return !! fromConfig || localStorage.getItem( 'utw_debug' ) === '1';
	} catch {
		return !! fromConfig;
	}
}
