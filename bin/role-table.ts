// Prints the role table of every CGI the virtual camera serves (README's copy is checked against it).
import { ROUTES } from '../rigs/virtual-camera/routes.ts';
import { roleTable } from '../rigs/virtual-camera/role-table.ts';

console.log(roleTable(ROUTES));
