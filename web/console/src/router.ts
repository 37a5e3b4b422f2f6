import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { signIn } from './auth/session';
import { useSession } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Without the console's frame (the sign-in callback). */
    bare?: boolean;
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/callback', component: () => import('./pages/CallbackPage.vue'), meta: { bare: true, title: '正在登录' } },
    { path: '/', component: () => import('./pages/HomePage.vue'), meta: { title: '首页' } },
    { path: '/tickets', component: () => import('./pages/QueuePage.vue'), meta: { title: '工单' } },
    { path: '/tickets/new', component: () => import('./pages/IntakePage.vue'), meta: { title: '受理' } },
    { path: '/tickets/:id/receipt', component: () => import('./pages/ReceiptPage.vue'), props: true, meta: { bare: true, title: '受理回执' } },
    { path: '/tickets/:id', component: () => import('./pages/TicketPage.vue'), props: true, meta: { title: '工单详情' } },
    { path: '/organisations', component: () => import('./pages/OrganisationsPage.vue'), meta: { title: '组织' } },
    { path: '/members', component: () => import('./pages/MembersPage.vue'), meta: { title: '党员' } },
    { path: '/pairings', component: () => import('./pages/PairingsPage.vue'), meta: { title: '城乡结对' } },
    { path: '/pairings/:id', component: () => import('./pages/PairingPage.vue'), props: true, meta: { title: '结对详情' } },
    { path: '/staff', component: () => import('./pages/StaffPage.vue'), meta: { title: '账号管理' } },
    { path: '/assessment', component: () => import('./pages/AssessmentPage.vue'), meta: { title: '考核' } },
    { path: '/:rest(.*)', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
  ],
});

// Every page but the callback needs a session (the bare receipt too); without one the user signs in and comes back here.
router.beforeEach(async (to: RouteLocationNormalized) => {
  if (to.path === '/callback') return true;
  const session = useSession();
  if (session.staff || (await session.load())) return true;
  await signIn(to.fullPath);
  return false;
});

router.afterEach((to) => {
  document.title = `${to.meta.title ?? ''} · PartyGrid 工作台`;
});
