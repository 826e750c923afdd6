// The one place the UI imports the simulator's createLab from.
export { createLab } from '../dev-fake-lab.ts';
