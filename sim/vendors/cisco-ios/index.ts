// Cisco IOS (Catalyst 3650 core switch, classic IOS screens) front end: see README.md.
export { createCiscoIosFrontEnd, IosFrontEnd, iosCli, IOS_IFNAMES } from './frontend.ts';
export type { IosOptions } from './frontend.ts';
export { convertIos } from './convert.ts';
