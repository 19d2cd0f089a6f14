// Places known by more than one name. A visitor types "den bosch" for 's-Hertogenbosch, "den haag"
// for 's-Gravenhage (and the other way round), or a Frisian name; the register stores whichever
// name the provider gave. Every name of a group finds the others, in the free-text search and in
// the place filter. Deliberately small: the common alternative names of Dutch places, not a
// gazetteer. Names are written folded, as normaliseSearchText() leaves them (a test checks).
export const PLACE_ALIASES: readonly (readonly string[])[] = [
	["'s-hertogenbosch", 's-hertogenbosch', 's hertogenbosch', 'shertogenbosch', 'hertogenbosch', 'den bosch'],
	["'s-gravenhage", 's-gravenhage', 's gravenhage', 'sgravenhage', 'gravenhage', 'den haag', 'the hague'],
	["'s-graveland", 's-graveland', 's graveland', 'sgraveland'],
	["'s-heerenberg", 's-heerenberg', 's heerenberg', 'sheerenberg'],
	['amsterdam', "a'dam", 'mokum'],
	['rotterdam', "r'dam"],
	['leeuwarden', 'ljouwert'],
	['sneek', 'snits'],
	['harlingen', 'harns'],
	['heerenveen', 'it hearrenfean'],
	['drachten', 'drachtsen'],
	['franeker', 'frjentsjer'],
	['bergen op zoom', 'bergen-op-zoom'],
	['alphen aan den rijn', 'alphen a/d rijn'],
	['capelle aan den ijssel', 'capelle a/d ijssel'],
	['krimpen aan den ijssel', 'krimpen a/d ijssel'],
	['nijmegen', 'nimwegen'],
	['maastricht', 'mestreech'],
]
