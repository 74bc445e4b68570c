import { join } from 'path';
import ts from 'typescript';

const root = join( __dirname, '../..' );

function compile( file: string ): readonly ts.Diagnostic[] {
	const { config } = ts.readConfigFile(
		join( root, 'tsconfig.json' ),
		ts.sys.readFile
	);
	const { options } = ts.parseJsonConfigFileContent( config, ts.sys, root );
	const program = ts.createProgram( [ file ], {
		...options,
		noEmit: true,
		types: [],
	} );
	return ts.getPreEmitDiagnostics( program );
}

describe( 'recordEvent types', () => {
	it( 'refuses to compile a wrong event name, a missing or uncatalogued property, or a wrong type', () => {
		const file = join( __dirname, 'fixtures/record-event-misuse.ts' );
		const source = ts.sys.readFile( file ) as string;
		const lines = source.split( '\n' );
		const expected = lines.flatMap( ( line, index ) =>
			line.includes( '// compile-error' ) ? [ index + 1 ] : []
		);
		const failing = [
			...new Set(
				compile( file ).map( ( diagnostic ) => {
					const position =
						diagnostic.file?.getLineAndCharacterOfPosition(
							diagnostic.start ?? 0
						);
					return ( position?.line ?? -1 ) + 1;
				} )
			),
		];

		expect( expected ).toHaveLength( 4 );
		expect( failing.sort( ( a, b ) => a - b ) ).toEqual( expected );
	} );
} );
