// Huawei VRP (eNSP AR router, V200R003C00) front end: see README.md.
export { createHuaweiVrpFrontEnd, VrpFrontEnd, vrpCli, VRP_IFNAMES } from './frontend.ts';
export { convertVrp } from './convert.ts';
