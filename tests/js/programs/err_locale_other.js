// a64js-expect: exit=1 mentions=for the locale 'de-DE' is not supported
// Out of the subset: number formats of locales other than node's default en-US (node
// prints "1.234,5"); en-US and its options are as node's (feat_locale_options).
console.log((1234.5).toLocaleString('en-US'));
console.log((1234.5).toLocaleString('de-DE'));
