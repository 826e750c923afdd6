// The one place the UI imports the simulator from (its public API only). Front ends (FRR,
// Cisco, Huawei, Calico + shells) are separate chunks: prepareLab loads the ones a lab uses.
export { createLab, prepareLab } from '../../../sim/lab-api.ts';
