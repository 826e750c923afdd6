// The one place the UI imports the simulator from (its public API only). Importing it also
// registers the vendor front ends (FRR, Calico, …) with the lab registry.
export { createLab } from '../../../sim/index.ts';
