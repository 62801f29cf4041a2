// Units come with the indicator catalogue in Chinese; an English screen shows their English names.
export { unitIn } from '../../../../../contracts/units';
