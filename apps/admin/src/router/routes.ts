import type { RouteRecordRaw } from 'vue-router';

// Every page is a dynamic import, so each route is its own chunk and /login stays small.
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/login-view.vue'),
    meta: { titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/app-layout.vue'),
    meta: { requiresAuth: true },
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/home-view.vue'),
        meta: { requiresAuth: true, titleKey: 'nav.home', menu: { order: 0, testId: 'nav-home' } },
      },
      {
        path: 'cases',
        name: 'ledger',
        component: () => import('@/views/cases/ledger-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Case'],
          titleKey: 'nav.ledger',
          menu: { order: 2, testId: 'nav-ledger' },
        },
      },
      {
        path: 'cases/new',
        name: 'case-intake',
        component: () => import('@/views/cases/intake-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['create', 'Case'],
          titleKey: 'nav.intake',
          menu: { order: 1, testId: 'nav-intake' },
        },
      },
      {
        path: 'cases/todo',
        name: 'case-todo',
        component: () => import('@/views/cases/todo-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['update', 'Case'],
          roles: ['SERVICE_CENTER_STAFF'],
          titleKey: 'nav.todo',
          menu: { order: 3, testId: 'nav-todo' },
        },
      },
      {
        path: 'cases/approvals',
        name: 'case-approvals',
        component: () => import('@/views/cases/approvals-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Case'],
          roles: ['LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'],
          titleKey: 'nav.approvals',
          menu: { order: 4, testId: 'nav-approvals' },
        },
      },
      {
        path: 'cases/inbox',
        name: 'case-inbox',
        component: () => import('@/views/cases/inbox-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Case'],
          roles: ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'],
          titleKey: 'nav.inbox',
          menu: { order: 5, testId: 'nav-inbox' },
        },
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        // The register, where the service center and the park admin link enterprises (挂钩联系).
        component: () => import('@/views/enterprises/enterprises-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['update', 'Enterprise'],
          titleKey: 'nav.enterprises',
          menu: { order: 11, testId: 'nav-enterprises' },
        },
      },
      {
        path: 'notices',
        name: 'notices',
        component: () => import('@/views/notices/notices-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Case'],
          roles: [
            'SERVICE_CENTER_STAFF',
            'LEADER_IN_CHARGE',
            'EXECUTIVE_DEPUTY_DIRECTOR',
            'DEPARTMENT_HEAD',
            'DEPARTMENT_HANDLER',
          ],
          titleKey: 'nav.notices',
          menu: { order: 6, testId: 'nav-notices' },
        },
      },
      {
        path: 'dashboards',
        name: 'dashboards',
        // Charts (ECharts) are loaded with this page only.
        component: () => import('@/views/dashboards/dashboards-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Dashboard'],
          titleKey: 'nav.dashboards',
          menu: { order: 8, testId: 'nav-dashboards' },
        },
      },
      {
        path: 'dashboards/settings',
        name: 'indicator-settings',
        component: () => import('@/views/dashboards/indicator-settings-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Dashboard'],
          titleKey: 'nav.indicatorSettings',
          menu: { order: 9, testId: 'nav-indicator-settings' },
        },
      },
      {
        path: 'cases/:id',
        name: 'case-detail',
        component: () => import('@/views/cases/case-detail-view.vue'),
        props: true,
        meta: { requiresAuth: true, ability: ['read', 'Case'], titleKey: 'case.detail.title' },
      },
      {
        path: 'rules',
        name: 'rules',
        // The editor is large: its own chunk, loaded only when the page is opened.
        component: () => import('@/views/rules/rules-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'ParkRules'],
          titleKey: 'nav.rules',
          menu: { order: 25, testId: 'nav-rules' },
        },
      },
      {
        path: 'document-templates',
        name: 'document-templates',
        component: () => import('@/views/templates/document-templates-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['update', 'ParkRules'],
          titleKey: 'nav.documentTemplates',
          menu: { order: 26, testId: 'nav-document-templates' },
        },
      },
      {
        path: 'users',
        name: 'users',
        // The park's people, and the accounts of outside offices (also the platform's).
        component: () => import('@/views/users/users-page.vue'),
        meta: {
          requiresAuth: true,
          ability: ['create', 'OfficeAccount'],
          titleKey: 'nav.users',
          menu: { order: 10, testId: 'nav-users' },
        },
      },
      {
        path: 'departments',
        name: 'departments',
        component: () => import('@/views/departments/departments-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['create', 'Department'],
          titleKey: 'nav.departments',
          menu: { order: 20, testId: 'nav-departments' },
        },
      },
      {
        path: 'parks',
        name: 'parks',
        component: () => import('@/views/parks/parks-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['create', 'Park'],
          titleKey: 'nav.parks',
          menu: { order: 30, testId: 'nav-parks' },
        },
      },
      {
        path: 'jobs',
        name: 'jobs',
        component: () => import('@/views/jobs/jobs-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'Job'],
          titleKey: 'nav.jobs',
          menu: { order: 40, testId: 'nav-jobs' },
        },
      },
      {
        path: 'national-calendar',
        name: 'national-calendar',
        component: () => import('@/views/calendar/national-calendar-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['manage', 'NationalCalendar'],
          titleKey: 'nav.nationalCalendar',
          menu: { order: 35, testId: 'nav-national-calendar' },
        },
      },
      {
        path: 'office-cases',
        name: 'office-cases',
        component: () => import('@/views/offices/office-cases-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['read', 'OfficeCase'],
          titleKey: 'nav.officeCases',
          menu: { order: 7, testId: 'nav-office-cases' },
        },
      },
      {
        path: 'office-cases/:id',
        name: 'office-case',
        component: () => import('@/views/offices/office-case-view.vue'),
        props: true,
        meta: { requiresAuth: true, ability: ['read', 'OfficeCase'], titleKey: 'nav.officeCases' },
      },
      {
        // Everyone's own password, reached from the header.
        path: 'account/password',
        name: 'change-password',
        component: () => import('@/views/account/change-password-view.vue'),
        meta: { requiresAuth: true, titleKey: 'account.changePassword' },
      },
      {
        // Everyone's own inbox, reached from the bell in the header.
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/notifications-view.vue'),
        meta: { requiresAuth: true, titleKey: 'nav.notifications' },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/errors/forbidden-view.vue'),
        meta: { requiresAuth: true, titleKey: 'pages.forbiddenTitle' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/not-found-view.vue'),
    meta: { titleKey: 'pages.notFoundTitle' },
  },
];
