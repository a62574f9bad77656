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
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/users-view.vue'),
        meta: {
          requiresAuth: true,
          ability: ['create', 'User'],
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
