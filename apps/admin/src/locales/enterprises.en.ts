import type { enterprisesZhCN } from './enterprises.zh-CN';

export const enterprisesEn: typeof enterprisesZhCN = {
  title: 'Enterprise register',
  hint: 'Enterprises registered and operating in the park (Art. 2). Each may have a linked department and a linked cadre, used by approval routes and follow-ups.',
  search: 'Search by enterprise name or unified social credit code',
  creditCode: 'Unified social credit code',
  name: 'Enterprise name',
  address: 'Address',
  contact: 'Contact',
  operating: 'Operating in the park',
  notOperating: 'Moved out',
  linkedDepartment: 'Linked department',
  linkedCadre: 'Linked cadre',
  linkedCadrePhone: "Linked cadre's phone",
  none: 'Not set',
  setLink: 'Set link',
  linkTitle: 'Link: {name}',
  linkHint:
    "The linked department is a park department; the linked cadre is one of the park's people who work on cases. The park's rules may have them record follow-ups.",
  pickDepartment: 'Choose a park department',
  pickCadre: 'Choose a person',
  linkSaved: 'Link saved',
  linkSeparator: '; ',
  caseLink: 'Linked department and cadre (at registration)',
};
