// Number.prototype.toLocaleString with node's en-US locale and the common options
const xs = [0, 1, -1, 0.5, 1234.5, 1234.5678, -1234.005, 0.155, 1e21, 123456789.987654, 2.5, 3.5, -0, 0.0001, 999.9995];
const show = (label, f) => console.log(label.padEnd(10), xs.map(f).join(' | '));
show('plain', x => x.toLocaleString());
show('en-US', x => x.toLocaleString('en-US'));
show('en', x => x.toLocaleString('en'));
show('en-us', x => x.toLocaleString('en-us'));
show('array', x => x.toLocaleString(['en-US']));
show('min2', x => x.toLocaleString('en-US', { minimumFractionDigits: 2 }));
show('max0', x => x.toLocaleString('en-US', { maximumFractionDigits: 0 }));
show('max1', x => x.toLocaleString(undefined, { maximumFractionDigits: 1 }));
show('min2max2', x => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
show('min4', x => x.toLocaleString('en-US', { minimumFractionDigits: 4 }));
show('nogroup', x => x.toLocaleString('en-US', { useGrouping: false }));
show('usd', x => x.toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
show('eur', x => x.toLocaleString('en-US', { style: 'currency', currency: 'EUR' }));
show('gbp', x => x.toLocaleString('en-US', { style: 'currency', currency: 'GBP' }));
show('jpy', x => x.toLocaleString('en-US', { style: 'currency', currency: 'JPY' }));
show('usd0', x => x.toLocaleString('en-US', { style: 'currency', currency: 'usd', maximumFractionDigits: 0 }));
show('pct', x => x.toLocaleString('en-US', { style: 'percent' }));
show('pct1', x => x.toLocaleString('en-US', { style: 'percent', minimumFractionDigits: 1 }));
show('decimal', x => x.toLocaleString('en-US', { style: 'decimal', maximumFractionDigits: 5 }));
show('minint', x => x.toLocaleString('en-US', { minimumIntegerDigits: 3 }));
console.log(NaN.toLocaleString('en-US', { style: 'currency', currency: 'USD' }), Infinity.toLocaleString('en-US', { style: 'percent' }), (-Infinity).toLocaleString('en-US', { minimumFractionDigits: 2 }));
const cart = [{ item: 'Widget', price: 1234.5, qty: 3 }, { item: 'Gadget', price: 9.99, qty: 12 }];
for (const { item, price, qty } of cart) {
  console.log(`${item.padEnd(8)}${qty.toLocaleString().padStart(4)} x ${price.toLocaleString('en-US', { style: 'currency', currency: 'USD' }).padStart(10)} = ${(price * qty).toLocaleString('en-US', { style: 'currency', currency: 'USD' })}`);
}
console.log('share', (0.4567).toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 }));
for (const bad of [{ minimumFractionDigits: 101 }, { maximumFractionDigits: -1 }, { minimumFractionDigits: 3, maximumFractionDigits: 1 }, { style: 'currency' }, { style: 'bogus' }, { currency: 'US' , style: 'currency'}]) {
  try { console.log((1.5).toLocaleString('en-US', bad)); } catch (e) { console.log(e.name, e.message); }
}
console.log((12.345).toLocaleString('en-US', {}), (12.345).toLocaleString('en-US', 5), (1234567).toLocaleString('en-US', { minimumIntegerDigits: 9 }));
try { (12.345).toLocaleString('en-US', null); } catch (e) { console.log(e.name, e.message); }
try { (1).toLocaleString('en_US'); } catch (e) { console.log(e.name, e.message); }
console.log([1234.5, 0.25].map(n => n.toLocaleString('en-US', { style: 'percent', useGrouping: false })));
